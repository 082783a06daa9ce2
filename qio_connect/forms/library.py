"""Library forms: submit or edit an item, search, and request a change."""

from django import forms

from qis_portal.models import Organization, OrgType

from ..models import Category, LibraryItem, Tag
from ..selectors.library import LibraryFilters
from ..uploads import CAPTIONS_MAX_BYTES, DOCUMENT_MAX_BYTES, VIDEO_MAX_BYTES

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MB = 1024 * 1024


class LibraryItemForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of content", choices=LibraryItem.Kind.choices,
                             widget=forms.RadioSelect)
    title = forms.CharField(label="Title", max_length=200)
    summary = forms.CharField(label="Summary", max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text="A sentence or two shown in search results.")
    body = forms.CharField(label="Article text", max_length=50000, required=False,
                           widget=forms.Textarea(attrs={"rows": 12}),
                           help_text="Required for a written article.")
    file = forms.FileField(
        label="File", required=False,
        help_text=f"A document: PDF, Word (.docx) or PowerPoint (.pptx), up to "
                  f"{DOCUMENT_MAX_BYTES // MB} MB. A video: MP4, up to "
                  f"{VIDEO_MAX_BYTES // MB} MB.")
    captions = forms.FileField(
        label="Captions for a video (WebVTT, .vtt)", required=False,
        help_text=f"Up to {CAPTIONS_MAX_BYTES // MB} MB. Captions make a video usable "
                  "without sound.")
    external_url = forms.URLField(label="Link to the external content", max_length=500,
                                  required=False, assume_scheme="https",
                                  help_text="Required for a link: an article, a YouTube video, "
                                            "a social media post.")
    original_published_on = forms.DateField(
        label="Original publish date", required=False, widget=DATE,
        help_text="For external content: when it was first published.")
    category = forms.ModelChoiceField(label="Topic", queryset=Category.objects.all(),
                                      required=False, empty_label="— No topic —")
    tags = forms.ModelMultipleChoiceField(label="Tags", queryset=Tag.objects.all(),
                                          required=False, widget=forms.CheckboxSelectMultiple)
    audience = forms.ChoiceField(label="Who can read it", choices=LibraryItem.Audience.choices,
                                 initial=LibraryItem.Audience.PUBLIC, widget=forms.RadioSelect)
    publish = forms.BooleanField(label="Publish now (you approve library content)",
                                 required=False)

    def __init__(self, *args, item: LibraryItem | None = None, can_publish: bool = False,
                 **kwargs):
        if item is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": item.title, "summary": item.summary, "body": item.body,
                "external_url": item.external_url,
                "original_published_on": item.original_published_on,
                "category": item.category_id, "tags": list(item.tags.all()),
                "audience": item.audience,
            }
        super().__init__(*args, **kwargs)
        self.item = item
        if item is not None:
            del self.fields["kind"]
            del self.fields["publish"]
            kind = item.kind
            if kind != LibraryItem.Kind.ARTICLE:
                del self.fields["body"]
            if kind not in (LibraryItem.Kind.DOCUMENT, LibraryItem.Kind.VIDEO):
                del self.fields["file"]
            else:
                self.fields["file"].help_text = "Leave empty to keep the current file."
            if kind != LibraryItem.Kind.VIDEO:
                del self.fields["captions"]
            if kind != LibraryItem.Kind.LINK:
                del self.fields["external_url"]
                del self.fields["original_published_on"]
        elif not can_publish:
            del self.fields["publish"]

    @property
    def service_fields(self) -> dict:
        data = self.cleaned_data
        names = ("title", "summary", "body", "external_url", "original_published_on",
                 "category", "audience")
        return {name: data[name] for name in names if name in self.fields}


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label="Keywords", max_length=200, required=False)
    category = forms.ModelChoiceField(label="Topic", queryset=Category.objects.all(),
                                      required=False, empty_label="Any topic")
    tag = forms.ModelChoiceField(label="Tag", queryset=Tag.objects.all(), required=False,
                                 empty_label="Any tag")
    organization = forms.ModelChoiceField(
        label="Organization (QIO)", required=False, empty_label="Any organization",
        queryset=Organization.objects.filter(
            org_type__in=[OrgType.QIN_QIO, OrgType.AIAN_QIO, OrgType.CMS,
                          OrgType.SUPPORT_CONTRACTOR]).order_by("name"))
    author = forms.CharField(label="Author name", max_length=100, required=False)
    kind = forms.ChoiceField(label="Kind", required=False,
                             choices=[("", "Any kind"), *LibraryItem.Kind.choices])

    def filters(self) -> LibraryFilters:
        if not self.is_valid():
            return LibraryFilters()
        data = self.cleaned_data
        return LibraryFilters(
            q=data["q"].strip(), category=data["category"].pk if data["category"] else None,
            tag=data["tag"].pk if data["tag"] else None,
            organization=data["organization"].pk if data["organization"] else None,
            author=data["author"].strip(), kind=data["kind"])


class ChangeRequestForm(forms.Form):
    body = forms.CharField(label="What should change, and why", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}))
