"""Small Input/Output serializers. Outputs carry states and kinds as plain strings; status,
author, organization and group ownership are never read from a request body."""

from django.urls import reverse
from rest_framework import serializers

from qis_portal.models import User

from ..models import (
    Category,
    Event,
    EventSubscription,
    Group,
    LibraryItem,
    Post,
    ReactionKind,
    Tag,
)


def choice(choices, **kwargs) -> serializers.CharField:
    """A string limited to `choices`. Not a ChoiceField: a named enum per field would collide
    with other apps' enums of the same field name in the shared OpenAPI schema."""
    values = [value for value, _ in choices]
    return serializers.CharField(
        validators=[ChoiceValidator(values)], max_length=max(len(v) for v in values),
        help_text=kwargs.pop("help_text", "") + " One of: " + ", ".join(values) + ".", **kwargs)


class ChoiceValidator:
    def __init__(self, values):
        self.values = values

    def __call__(self, value):
        if value not in self.values:
            raise serializers.ValidationError(f"Choose one of: {', '.join(self.values)}.")


class ConnectItemOutput(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    audience = serializers.CharField(read_only=True)
    external_url = serializers.CharField(read_only=True)
    original_published_on = serializers.DateField(read_only=True, allow_null=True)
    category = serializers.CharField(source="category.name", read_only=True, default=None,
                                     allow_null=True)
    tags = serializers.SerializerMethodField()
    author_id = serializers.IntegerField(read_only=True)
    author_name = serializers.SerializerMethodField()
    organization = serializers.CharField(source="organization.name", read_only=True,
                                         default=None, allow_null=True)
    original_name = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True)
    download_url = serializers.SerializerMethodField()
    decision_note = serializers.CharField(read_only=True)
    submitted_at = serializers.DateTimeField(read_only=True)
    published_at = serializers.DateTimeField(read_only=True, allow_null=True,
                                             help_text="Null until the item is published.")
    updated_at = serializers.DateTimeField(read_only=True)

    def get_author_name(self, item) -> str:
        return str(item.author)

    def get_tags(self, item) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def get_download_url(self, item) -> str | None:
        if not item.has_file:
            return None
        return reverse("qio_connect:item_download", args=[item.pk])


class ConnectItemInput(serializers.Serializer):
    kind = choice(LibraryItem.Kind.choices, help_text="Set on creation; ignored on update.")
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=500, required=False, allow_blank=True)
    body = serializers.CharField(max_length=50000, required=False, allow_blank=True)
    file = serializers.FileField(required=False)
    captions = serializers.FileField(required=False)
    external_url = serializers.CharField(max_length=500, required=False, allow_blank=True)
    original_published_on = serializers.DateField(required=False, allow_null=True)
    category = serializers.PrimaryKeyRelatedField(queryset=Category.objects.all(),
                                                  required=False, allow_null=True)
    tags = serializers.PrimaryKeyRelatedField(queryset=Tag.objects.all(), many=True,
                                              required=False)
    audience = choice(LibraryItem.Audience.choices, required=False,
                      help_text="Who can read it.")
    publish = serializers.BooleanField(required=False, default=False,
                                       help_text="NLC / Delegated Administrator only: publish "
                                                 "at once.")


class ConnectNoteInput(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ConnectReasonInput(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ConnectReactionInput(serializers.Serializer):
    kind = choice(ReactionKind.choices, help_text="The reaction.")


class ConnectReactionOutput(serializers.Serializer):
    on = serializers.BooleanField()
    counts = serializers.DictField(child=serializers.IntegerField())


class ConnectChangeRequestInput(serializers.Serializer):
    body = serializers.CharField(max_length=2000)


class ConnectChangeRequestOutput(serializers.Serializer):
    id = serializers.IntegerField()
    item_id = serializers.IntegerField()
    status = serializers.CharField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class ConnectGroupOutput(serializers.ModelSerializer):
    kind = serializers.CharField(read_only=True)
    visibility = serializers.CharField(read_only=True)
    organization = serializers.CharField(source="organization.name", read_only=True)
    organization_id = serializers.IntegerField(read_only=True)
    facilitator_id = serializers.IntegerField(read_only=True, allow_null=True)
    co_facilitator_id = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Group
        fields = ["id", "name", "description", "kind", "visibility", "organization",
                  "organization_id", "facilitator_id", "co_facilitator_id", "created_at",
                  "updated_at"]
        read_only_fields = fields


class ConnectGroupInput(serializers.Serializer):
    name = serializers.CharField(max_length=150)
    description = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    visibility = choice(Group.Visibility.choices, required=False,
                        help_text="Private (your organization and invited members) or public.")
    facilitator = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(),
                                                     required=False, allow_null=True)
    co_facilitator = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(),
                                                        required=False, allow_null=True)


class ConnectPostOutput(serializers.ModelSerializer):
    group_id = serializers.IntegerField(read_only=True)
    parent_id = serializers.IntegerField(read_only=True, allow_null=True)
    author_id = serializers.IntegerField(read_only=True)
    author_name = serializers.SerializerMethodField()

    class Meta:
        model = Post
        fields = ["id", "group_id", "parent_id", "author_id", "author_name", "body",
                  "created_at", "updated_at", "edited_at"]
        read_only_fields = fields

    def get_author_name(self, post) -> str:
        return str(post.author)


class ConnectPostInput(serializers.Serializer):
    group = serializers.IntegerField(help_text="A group you see.")
    parent = serializers.IntegerField(required=False, allow_null=True,
                                      help_text="The post this replies to.")
    body = serializers.CharField(max_length=10000)


class ConnectPostUpdateInput(serializers.Serializer):
    body = serializers.CharField(max_length=10000)


class ConnectEventOutput(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True)
    calendar = serializers.IntegerField(source="group_id", read_only=True, allow_null=True)
    online_url = serializers.CharField(read_only=True, help_text="Blank for an in-person event.")
    submitted_by_id = serializers.IntegerField(read_only=True)
    ics_url = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = ["id", "title", "description", "starts_at", "ends_at", "location",
                  "online_url", "calendar", "status", "submitted_by_id", "sequence",
                  "ics_url", "created_at", "updated_at"]
        read_only_fields = fields

    def get_ics_url(self, event) -> str:
        return reverse("qio_connect:event_ics", args=[event.pk])


class ConnectEventInput(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    location = serializers.CharField(max_length=200, required=False, allow_blank=True)
    online_url = serializers.CharField(max_length=500, required=False, allow_blank=True)
    calendar = serializers.IntegerField(required=False, allow_null=True,
                                        help_text="A group you see; empty for the public "
                                                  "calendar. Set on creation only.")
    publish = serializers.BooleanField(required=False, default=False)


class ConnectSubscriptionInput(serializers.Serializer):
    kind = choice(EventSubscription.Kind.choices, help_text="What to toggle.")


class ConnectToggleOutput(serializers.Serializer):
    on = serializers.BooleanField()


class ConnectFeedbackInput(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True,
                                    default="")


class ConnectFeedbackOutput(serializers.Serializer):
    rating = serializers.IntegerField()
    comment = serializers.CharField()
