from django.urls import path

from .views import contractors, dashboard, inquiries, practices

app_name = "qpp_assist"

urlpatterns = [
    path("", inquiries.inquiry_list, name="inquiry_list"),
    path("who-does-what/", contractors.contractor_types, name="contractor_types"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("inquiries/new/", inquiries.inquiry_create, name="inquiry_create"),
    path("inquiries/<int:pk>/", inquiries.inquiry_detail, name="inquiry_detail"),
    path("inquiries/<int:pk>/respond/", inquiries.inquiry_respond, name="inquiry_respond"),
    path("inquiries/<int:pk>/hand-off/", inquiries.inquiry_hand_off, name="inquiry_hand_off"),
    path("inquiries/<int:pk>/override/", inquiries.inquiry_override, name="inquiry_override"),
    path("practices/", practices.practice_list, name="practice_list"),
    path("practices/new/", practices.practice_create, name="practice_create"),
    path("practices/<int:pk>/", practices.practice_detail, name="practice_detail"),
]
