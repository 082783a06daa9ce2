from .contractors import Contractor, ContractorType
from .inquiries import Channel, HandOff, Inquiry, MipsCategory, RequestKind
from .practices import AssistanceRecord, Practice

__all__ = [
    "AssistanceRecord", "Channel", "Contractor", "ContractorType", "HandOff", "Inquiry",
    "MipsCategory", "Practice", "RequestKind",
]
