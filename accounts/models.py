import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person using Mend. They sign in with their email address."""

    username = None
    first_name = None
    last_name = None
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        "name to show",
        max_length=60,
        help_text="What your partner sees. A first name or a nickname is enough.",
    )
    timezone = models.CharField(max_length=64, default="UTC")
    # ISO 3166 alpha-2; empty until the person chooses. The Safety page shows this country's lines.
    country = models.CharField(max_length=2, blank=True, default="")
    # When the person took (or put aside) the first step Today offers someone new to a couple.
    first_step_taken_at = models.DateTimeField(null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name

    def get_full_name(self) -> str:
        return self.display_name


class StaffChange(models.Model):
    """One change staff made to a person's account in the admin. Append-only, and shown to them.

    Plain ids, like the access log: on PostgreSQL a trigger refuses UPDATE and DELETE, and the
    row outlives either account. The staff member's name is copied for the same reason.
    """

    person_id = models.BigIntegerField(db_index=True)
    staff_id = models.BigIntegerField()
    staff_name = models.CharField(max_length=150)
    # Field labels ("active", "staff status"), never values: nothing of the account is copied here.
    what = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Staff change {self.pk}"
