"""The whole domain of Pulih as SQLAlchemy 2 typed models."""

from pulih.models.accounts import ROLES, AppSetting, LoginAttempt, RevokedToken, StoredFile, User
from pulih.models.audit import AccessLog, AuditLog, ChangeCounter
from pulih.models.base import Base, utcnow
from pulih.models.budget import BudgetLine, BudgetPlanMonth, FiscalYear, FundingSource, Spending
from pulih.models.cases import (
    ATTENDANCE_STATUSES,
    ENROLLMENT_STATUSES,
    Attendance,
    Cohort,
    CohortPartner,
    Enrollment,
    FollowUp,
    Participant,
    Partner,
    Program,
    ProgramPartner,
    TrainingSession,
)
from pulih.models.equipment import MOVEMENT_KINDS, Handover, Item, Kit, KitItem, StockLevel, StockMovement
from pulih.models.forms import ENTITY_KINDS, Draft, Form, FormVersion, Submission, SubmissionRevision

__all__ = [
    "ATTENDANCE_STATUSES", "ENROLLMENT_STATUSES", "ENTITY_KINDS", "MOVEMENT_KINDS", "ROLES",
    "AccessLog", "AppSetting", "Attendance", "AuditLog", "Base", "BudgetLine", "BudgetPlanMonth",
    "ChangeCounter", "Cohort", "CohortPartner", "Draft", "Enrollment", "FiscalYear", "FollowUp",
    "Form", "FormVersion", "FundingSource", "Handover", "Item", "Kit", "KitItem", "LoginAttempt",
    "Participant", "Partner", "Program", "ProgramPartner", "RevokedToken", "Spending", "StockLevel",
    "StockMovement", "StoredFile", "Submission", "SubmissionRevision", "TrainingSession", "User",
    "utcnow",
]
