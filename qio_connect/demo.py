"""QIO Connect demo data (run by manage.py seed_demo after the demo users exist): published
articles, a candidate waiting for the NLC, each QIO's community, a public group with a thread,
a COR-to-QIO channel, one event on the public calendar and one private, an announcement.
Idempotent: each piece is looked up by its title before it is created."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from qis_portal.models import Organization, User

from . import services
from .models import Announcement, Category, Event, Group, LibraryItem, Post, Tag

TAGS = ["FAQ", "Infection control", "Sepsis", "Toolkit", "Training", "Webinar"]


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _topic(name: str) -> Category:
    return Category.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]


def _tags(*names: str) -> list[Tag]:
    return [Tag.objects.get_or_create(slug=slugify(n), defaults={"name": n})[0] for n in names]


def seed() -> None:
    for org in Organization.objects.all():
        services.community_ensure(organization=org)
    _tags(*TAGS)
    admin = _user("admin@nlc.demo")
    ann, wes, cor = _user("associate@northeast.demo"), _user("associate@west.demo"), \
        _user("cor@cms.demo")
    _library(admin, ann, wes)
    group = _public_group(ann)
    _channel(cor, ann)
    _events(admin, ann, group)
    _announcement(cor)


def _library(admin: User, ann: User, wes: User) -> None:
    published = [
        (ann, dict(kind=LibraryItem.Kind.ARTICLE,
                   title="Reducing falls in nursing homes: a 90-day sprint",
                   summary="How three Maine nursing homes cut falls with injury by a third.",
                   body="We paired each unit with a falls champion, reviewed every fall within "
                        "24 hours, and moved toileting rounds earlier in the evening.\n\n"
                        "What worked: huddles at shift change, bed alarms only where a "
                        "root-cause review pointed to them, and monthly run charts on the unit.",
                   category=_topic("Nursing home quality"),
                   tags=_tags("Toolkit", "Training"))),
        (admin, dict(kind=LibraryItem.Kind.ARTICLE, title="QIO Connect: frequently asked "
                     "questions", summary="Posting, groups, events and the library.",
                     body="How do I submit an article? Open the library and choose Submit "
                          "content. It stays a draft until the NLC approves it.\n\nWho sees my "
                          "QIO community? Only your QIO's users and members they invite.",
                     category=_topic("Quality improvement methods"), tags=_tags("FAQ"))),
        (wes, dict(kind=LibraryItem.Kind.LINK, title="CDC: Core infection prevention and "
                   "control practices", external_url="https://www.cdc.gov/infection-control/"
                   "hcp/core-practices/index.html",
                   original_published_on=timezone.localdate() - timedelta(days=400),
                   summary="The CDC's baseline practices for every care setting.",
                   category=_topic("Patient safety"), tags=_tags("Infection control"))),
    ]
    for author, fields in published:
        if not LibraryItem.objects.filter(title=fields["title"]).exists():
            item = services.library_item_create(actor=author, **fields)
            services.library_item_approve(actor=admin, item=item, note="Welcome to the library.")
    title = "Sepsis early-warning huddles in rural hospitals"
    if not LibraryItem.objects.filter(title=title).exists():
        services.library_item_create(
            actor=wes, kind=LibraryItem.Kind.ARTICLE, title=title,
            summary="A candidate article waiting for the NLC.",
            body="A two-minute huddle at each shift change reviews every patient with a "
                 "qSOFA score of 2 or more.", category=_topic("Patient safety"),
            tags=_tags("Sepsis"))


def _public_group(ann: User) -> Group:
    nlc = _user("staff@nlc.demo")
    group = Group.objects.filter(name="Nursing Home Quality Collaborative").first()
    if group is None:
        group = services.group_create(
            actor=nlc, name="Nursing Home Quality Collaborative",
            description="Peer-to-peer learning for every QIO working with nursing homes.",
            visibility=Group.Visibility.PUBLIC, co_facilitator=ann)
    if not group.posts.exists():
        post = services.post_create(actor=ann, group=group,
                                    body="What has worked for you to sustain falls huddles "
                                         "after the sprint ends?")
        services.post_create(actor=_user("associate@west.demo"), group=group, parent=post,
                             body="Putting the huddle on the unit's own run chart kept it "
                                  "going for us.")
    return group


def _channel(cor: User, ann: User) -> None:
    if not Group.objects.filter(kind=Group.Kind.CHANNEL, created_by=cor).exists():
        channel = services.channel_create(actor=cor, organization=ann.organization,
                                          name="COR – Northeast QIN-QIO",
                                          description="Contract questions and monthly report "
                                                      "follow-ups.")
        services.post_create(actor=cor, group=channel,
                             body="Please send the monthly status report by the 7th business "
                                  "day.")
    if not Post.objects.filter(group__kind=Group.Kind.COMMUNITY,
                               group__organization=ann.organization).exists():
        community = Group.objects.get(kind=Group.Kind.COMMUNITY,
                                      organization=ann.organization)
        services.post_create(actor=ann, group=community,
                             body="Team: the A3C updates are due next month.")


def _events(admin: User, ann: User, group: Group) -> None:
    start = (timezone.localtime() + timedelta(days=10)).replace(hour=14, minute=0, second=0,
                                                                microsecond=0)
    title = "Educational webinar: infection control refresher"
    if not Event.objects.filter(title=title).exists():
        services.event_submit(
            actor=admin, title=title, starts_at=start, ends_at=start + timedelta(hours=1),
            description="A one-hour refresher on core practices, with time for questions.",
            online_url="https://www.example.gov/webinar", publish=True)
    title = "Northeast team huddle"
    if not Event.objects.filter(title=title).exists():
        community = Group.objects.get(kind=Group.Kind.COMMUNITY, organization=ann.organization)
        event = services.event_submit(
            actor=ann, title=title, group=community, location="Conference room B",
            starts_at=start + timedelta(days=2), ends_at=start + timedelta(days=2, hours=1))
        services.event_approve(actor=admin, event=event)
    title = "Collaborative office hours"
    if not Event.objects.filter(title=title).exists():
        services.event_submit(actor=ann, title=title, group=group,
                              starts_at=start + timedelta(days=5),
                              ends_at=start + timedelta(days=5, hours=1))


def _announcement(cor: User) -> None:
    title = "Welcome to QIO Connect"
    if not Announcement.objects.filter(title=title).exists():
        announcement = services.announcement_send(
            actor=cor, title=title, to_all=True,
            body="QIO Connect is the place for the library, discussion groups, events and "
                 "announcements from CMS.")
        services.announcement_deliver(announcement_id=announcement.pk)
