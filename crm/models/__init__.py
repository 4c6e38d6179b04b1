"""All tables. Importing this package registers every model on `Base.metadata`."""

from crm.models.account import BriefSignoff, SignInEvent, UserAccount
from crm.models.activity import Activity
from crm.models.base import (
    BOOKKEEPING_COLUMNS,
    Base,
    Money,
    RecordId,
    Tracked,
    new_id,
    short_id,
    utcnow,
)
from crm.models.changelog import ChangeLog
from crm.models.company import Company, CompanyTag, Contact
from crm.models.dispatch import (
    CompletionEntry,
    County,
    DispatchProfile,
    ListEntry,
    Programme,
    Target,
)
from crm.models.problem import Problem
from crm.models.project import FundsEntry, InvestmentIncrease, Park, Project, StageEvent
from crm.models.reference import (
    Country,
    Industry,
    IndustryChain,
    Region,
    RegionGroup,
    RegionGroupMember,
    Setting,
    TagKindRef,
)
from crm.models.request import EnterpriseLiaison, EnterpriseRequest, RequestVisit
from crm.models.search import SearchEntry, SearchState
from crm.models.sync import SyncConflict, SyncCounter, SyncGroup, SyncPeer
from crm.models.team import Team, TeamMember, TeamTarget

__all__ = [
    "BOOKKEEPING_COLUMNS",
    "Activity",
    "Base",
    "BriefSignoff",
    "ChangeLog",
    "Company",
    "CompanyTag",
    "CompletionEntry",
    "Contact",
    "Country",
    "County",
    "DispatchProfile",
    "EnterpriseLiaison",
    "EnterpriseRequest",
    "FundsEntry",
    "Industry",
    "IndustryChain",
    "InvestmentIncrease",
    "ListEntry",
    "Money",
    "Park",
    "Problem",
    "Programme",
    "Project",
    "RecordId",
    "Region",
    "RegionGroup",
    "RegionGroupMember",
    "RequestVisit",
    "SearchEntry",
    "SearchState",
    "Setting",
    "SignInEvent",
    "StageEvent",
    "SyncConflict",
    "SyncCounter",
    "SyncGroup",
    "SyncPeer",
    "TagKindRef",
    "Target",
    "Team",
    "TeamMember",
    "TeamTarget",
    "Tracked",
    "UserAccount",
    "new_id",
    "short_id",
    "utcnow",
]

#: Domain tables in dependency order (parents first), for bulk loads and exports.
DOMAIN_MODELS: tuple[type[Tracked], ...] = (
    Park,
    Company,
    CompanyTag,
    Contact,
    EnterpriseLiaison,
    Team,
    TeamMember,
    TeamTarget,
    Project,
    StageEvent,
    FundsEntry,
    InvestmentIncrease,
    Activity,
    Problem,
    EnterpriseRequest,
    RequestVisit,
    Programme,
    DispatchProfile,
    ListEntry,
    CompletionEntry,
    Target,
)
