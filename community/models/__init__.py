"""The community app's models, one module a concern: organisations (and
memberships), members' profiles, the page tree's base pages, news."""

from .members import MemberExpertise, MemberProfile
from .news import NewsIndexPage, NewsPage, NewsPageTag
from .organisations import Organisation, OrganisationKind, OrganisationMembership
from .pages import HomePage, IndexPage, PageHeading, SectionIndexPage, StandardPage

__all__ = [
    "HomePage",
    "IndexPage",
    "MemberExpertise",
    "MemberProfile",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "Organisation",
    "OrganisationKind",
    "OrganisationMembership",
    "PageHeading",
    "SectionIndexPage",
    "StandardPage",
]
