"""/api/qio/providers/: the General Directory."""

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from qio_program.api.common import UpdatedSinceFilterSet
from qio_program.models import MedicareStatus, Provider, ProviderContact, ProviderSetting
from qio_program.models.directory import on_spl_for_aim_work
from qio_program.selectors.directory import search_filter, spl_filter
from qio_program.selectors.scope import providers_for
from qio_program.services.providers import provider_create, provider_update
from qis_portal.api_bulk.mixins import BulkListMixin
from qis_portal.api_bulk.values import iso_datetime
from qis_portal.permissions import RulePermission


class QioContactOutput(serializers.ModelSerializer):
    class Meta:
        model = ProviderContact
        fields = ["id", "name", "title", "email", "phone", "is_qi_lead"]


class QioProviderOutput(serializers.ModelSerializer):
    on_spl = serializers.BooleanField(source="spl_eligible",
                                      help_text="On the region's current SPL (every AIAN "
                                                "provider is).")
    contacts = QioContactOutput(many=True)

    class Meta:
        model = Provider
        fields = ["id", "name", "setting", "ccn", "tin", "npi", "address_line1", "address_line2",
                  "city", "state", "zip_code", "region", "phone", "email", "medicare_status",
                  "medicare_verified_at", "on_spl", "contacts", "created_at", "updated_at"]


class QioProviderInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    setting = serializers.ChoiceField(choices=ProviderSetting.choices)
    ccn = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    tin = serializers.CharField(max_length=11, required=False, allow_blank=True, default="")
    npi = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    address_line1 = serializers.CharField(max_length=200, required=False, allow_blank=True)
    address_line2 = serializers.CharField(max_length=200, required=False, allow_blank=True)
    city = serializers.CharField(max_length=100, required=False, allow_blank=True)
    state = serializers.CharField(max_length=2)
    zip_code = serializers.CharField(max_length=10, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    medicare_status = serializers.ChoiceField(choices=MedicareStatus.choices,
                                              default=MedicareStatus.PENDING)
    medicare_verified_at = serializers.DateTimeField(required=False, allow_null=True)


class ProviderFilter(UpdatedSinceFilterSet):
    q = django_filters.CharFilter(method="filter_q", help_text="Part of a name, or a CCN/TIN.")
    spl = django_filters.ChoiceFilter(choices=[("yes", "yes"), ("no", "no")],
                                      method="filter_spl")

    class Meta:
        model = Provider
        fields = ["state", "setting", "medicare_status", "region"]

    def filter_q(self, queryset, name, value):
        condition = search_filter(value)
        return queryset.filter(condition) if condition is not None else queryset

    def filter_spl(self, queryset, name, value):
        return queryset.filter(spl_filter(value))


CONTACT_FIELDS = tuple(QioContactOutput.Meta.fields)
PLAIN_FIELDS = ("id", "name", "setting", "ccn", "tin", "npi", "address_line1", "address_line2",
                "city", "state", "zip_code", "region", "phone", "email", "medicare_status")


class ProviderViewSet(BulkListMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      viewsets.GenericViewSet):
    """The list's rows are `QioProviderOutput`'s fields, built from plain rows and one read
    of the page's contacts (`list_rows`)."""

    serializer_class = QioProviderOutput
    permission_classes = [RulePermission]
    rule_permissions = {"list": "qio_program.view_directory",
                        "retrieve": "qio_program.view_provider",
                        "create": "qio_program.add_provider",
                        "partial_update": "qio_program.change_provider",
                        "export": "qio_program.view_directory"}
    filterset_class = ProviderFilter
    export_name = "providers"
    list_values = (*PLAIN_FIELDS, "medicare_verified_at", "on_spl", "created_at", "updated_at")

    def get_queryset(self):
        qs = providers_for(self.request.user)
        return qs if self.action in ("list", "export") else qs.prefetch_related("contacts")

    def list_rows(self, rows: list[dict]) -> list[dict]:
        contacts = {row["id"]: [] for row in rows}
        for contact in ProviderContact.objects.filter(provider_id__in=list(contacts)).values(
                "provider_id", *CONTACT_FIELDS):
            contacts[contact.pop("provider_id")].append(contact)
        return [{**{name: row[name] for name in PLAIN_FIELDS},
                 "medicare_verified_at": iso_datetime(row["medicare_verified_at"]),
                 "on_spl": on_spl_for_aim_work(row["on_spl"], row["region"]),
                 "contacts": contacts[row["id"]],
                 "created_at": iso_datetime(row["created_at"]),
                 "updated_at": iso_datetime(row["updated_at"])} for row in rows]

    @extend_schema(request=QioProviderInput, responses={201: QioProviderOutput})
    def create(self, request):
        data = QioProviderInput(data=request.data)
        data.is_valid(raise_exception=True)
        provider = provider_create(actor=request.user, data=data.validated_data,
                                   request=request)
        return Response(QioProviderOutput(provider).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=QioProviderInput, responses=QioProviderOutput)
    def partial_update(self, request, pk=None):
        provider = self.get_object()
        data = QioProviderInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        provider = provider_update(provider=provider, actor=request.user,
                                   data=data.validated_data, request=request)
        return Response(QioProviderOutput(provider).data)
