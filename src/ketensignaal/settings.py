"""Django settings. Every environment variable is read here, and only here.

Variables (all optional for the demo; production must set the marked ones):

- ``DATABASE_URL``: database; default ``sqlite:///ketensignaal.sqlite3`` in the
  working directory. ``postgres://…`` selects PostgreSQL.
- ``KETENSIGNAAL_SECRET_KEY`` (production): Django secret key. Without it a
  per-installation key is generated into ``KETENSIGNAAL_VAR_DIR`` — never a
  default baked into the code.
- ``KETENSIGNAAL_PSEUDONYM_KEY`` (production): key for the keyed hash that
  pseudonymises data subjects in the processing log; same fallback as above.
- ``KETENSIGNAAL_DEBUG``: ``1`` for development diagnostics (never in production).
- ``KETENSIGNAAL_ALLOWED_HOSTS``: comma-separated host names; default
  ``127.0.0.1,localhost``.
- ``KETENSIGNAAL_VAR_DIR``: directory for generated keys and attachments
  (outside the web root); default ``./var``.
- ``KETENSIGNAAL_BASE_URL``: absolute URL used in e-mail links.
- ``KETENSIGNAAL_LOG_CHECKPOINT_DIR``: directory for the processing log's signed
  checkpoints (outside the database; ship it elsewhere too, docs/operations.md);
  default ``KETENSIGNAAL_VAR_DIR/log-checkpoints``.
- ``KETENSIGNAAL_LOG_CHECKPOINT_KEY`` (production): Ed25519 private key that signs
  the checkpoints, as 64 hex characters (the 32-byte seed). Without it a key is
  generated once into ``KETENSIGNAAL_VAR_DIR/log_checkpoint_key`` (mode 0600).
- ``KETENSIGNAAL_HTTPS``: ``1`` when the deployment is reached over https (directly or behind a TLS-terminating
  proxy), ``0`` when not. On: every response carries ``Strict-Transport-Security`` and the session and CSRF
  cookies are ``Secure``. Default: on when ``KETENSIGNAAL_BASE_URL`` starts with ``https://``. This is the one
  setting that says so; DEBUG does not change it.
- ``KETENSIGNAAL_HSTS_SECONDS``: max-age of the HSTS header when ``KETENSIGNAAL_HTTPS`` is on; default 31536000
  (one year).
- ``KETENSIGNAAL_SESSION_IDLE_MINUTES``: a signed-in session without a request for this long ends; default 30.
- ``KETENSIGNAAL_SESSION_MAX_HOURS``: a signed-in session ends this long after sign-in, active or not; default 12.
- ``KETENSIGNAAL_EMAIL_BACKEND`` / ``KETENSIGNAAL_EMAIL_HOST`` /
  ``KETENSIGNAAL_EMAIL_FROM``: outgoing mail; console backend by default.
- ``KETENSIGNAAL_SANDBOX``: ``1`` only in the training sandbox, set by ``ketensignaal sandbox`` itself; it
  insists on a ``sandbox*.sqlite3`` database and generates its own keys.
- ``KETENSIGNAAL_FIGURES_THRESHOLD``: smallest count published in figures that leave the chain; default 10.
- ``KETENSIGNAAL_IP_FAILURE_LIMIT``: failed sign-ins from one address (across accounts) within the lockout
  cool-off after which that address is blocked; default 30. Accounts lock after ``AXES_FAILURE_LIMIT`` (5)
  from any address, until the cool-off ends or a functional administrator unlocks them (identity.lockout).
- ``KETENSIGNAAL_LIV_DEADLINE_MONTHS``: LIV turnaround target in months from acceptance; default 3.
- ``KETENSIGNAAL_PUBLIC_CHALLENGE_BITS``: proof-of-work difficulty of the public reporting form (leading zero bits);
  default 16. ``KETENSIGNAAL_PUBLIC_RATE_PER_HOUR`` (10): submissions per address per hour;
  ``KETENSIGNAAL_PUBLIC_ADDITION_RATE_PER_DAY`` (5): additions per receipt per day; ``KETENSIGNAAL_PUBLIC_MAX_MB``
  (10): largest public submission.
- ``KETENSIGNAAL_EVENT_SOURCE``: the ``source`` of CloudEvents sent to partner systems; in production the URN with
  the OIN (``urn:nld:oin:<OIN>:systeem:ketensignaal``); default ``KETENSIGNAAL_BASE_URL``.
- ``KETENSIGNAAL_WEBHOOKS_ALLOW_LOCAL``: ``1`` lets webhooks point at http://127.0.0.1 (tests, local demo only).
- ``OIDC_RP_CLIENT_ID``, ``OIDC_RP_CLIENT_SECRET``, ``OIDC_OP_AUTHORIZATION_ENDPOINT``,
  ``OIDC_OP_TOKEN_ENDPOINT``, ``OIDC_OP_USER_ENDPOINT``, ``OIDC_OP_JWKS_ENDPOINT``,
  ``OIDC_RP_SIGN_ALGO``, ``OIDC_UNIT_CLAIM``, ``OIDC_ROLES_CLAIM``: single sign-on;
  SSO is switched on when ``OIDC_RP_CLIENT_ID`` is set.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


VAR_DIR = Path(_env("KETENSIGNAAL_VAR_DIR", str(Path.cwd() / "var"))).resolve()
# The training sandbox (``ketensignaal sandbox``) runs this same code as a separate instance: its own SQLite file,
# its own generated keys (never the real instance's secret or pseudonym key), no single sign-on, no e-mail out.
SANDBOX = _env("KETENSIGNAAL_SANDBOX") == "1"


def _generated_secret(filename: str) -> str:
    """A key generated once per installation and kept in VAR_DIR (mode 0600)."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / filename
    if not path.exists():
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = _env("KETENSIGNAAL_DEBUG") == "1"
SECRET_KEY = (not SANDBOX and _env("KETENSIGNAAL_SECRET_KEY")) or _generated_secret("secret_key")
PSEUDONYM_KEY = (not SANDBOX and _env("KETENSIGNAAL_PSEUDONYM_KEY")) or _generated_secret("pseudonym_key")
ALLOWED_HOSTS = [h.strip() for h in _env("KETENSIGNAAL_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()]
BASE_URL = _env("KETENSIGNAAL_BASE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "pgtrigger",
    "mozilla_django_oidc",
    "ketensignaal.core",
    "ketensignaal.identity",
    "ketensignaal.governance",
    "ketensignaal.configuration",
    "ketensignaal.intake",
    "ketensignaal.routing",
    "ketensignaal.persons",
    "ketensignaal.disclosures",
    "ketensignaal.coordination",
    "ketensignaal.trajectories",
    "ketensignaal.conferences",
    "ketensignaal.screening",
    "ketensignaal.training",
    "ketensignaal.publicreports",
    "ketensignaal.webhooks",
    "ketensignaal.intelligence",
    "ketensignaal.informationneeds",
    "ketensignaal.reporting",
    "ketensignaal.retention",
    "ketensignaal.privacy",
    "ketensignaal.api",
    "ketensignaal.web",
    "ketensignaal.installation",
]

MIDDLEWARE = [
    "ketensignaal.core.middleware.StrictTransportMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ketensignaal.core.middleware.PrivateResponseMiddleware",
    "ketensignaal.core.middleware.TraceContextMiddleware",
    "ketensignaal.governance.reads.ReadLogMiddleware",
    "ketensignaal.api.middleware.ApiVersionMiddleware",
    "ketensignaal.api.middleware.ApiRequestGuardMiddleware",
    "ketensignaal.core.middleware.QueryStringGuardMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ketensignaal.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ketensignaal.web.middleware.SessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ketensignaal.web.middleware.MfaRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ketensignaal.urls"
WSGI_APPLICATION = "ketensignaal.wsgi.application"
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Project-wide overrides of third-party templates (the admin's base_site.html); before the apps' own.
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ketensignaal.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        _env("DATABASE_URL", f"sqlite:///{Path.cwd() / 'ketensignaal.sqlite3'}"),
        conn_max_age=int(_env("KETENSIGNAAL_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if SANDBOX:
    from django.core.exceptions import ImproperlyConfigured

    _sandbox_db = DATABASES["default"]
    if _sandbox_db["ENGINE"] != "django.db.backends.sqlite3" or not Path(str(_sandbox_db["NAME"])).name.startswith("sandbox"):
        raise ImproperlyConfigured(
            "De oefenomgeving draait alleen op haar eigen SQLite-bestand (sandbox*.sqlite3), nooit op de echte database. "
            "Start haar met `ketensignaal sandbox`."
        )
IS_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
if IS_POSTGRES:
    # Jobs (deadlines, reminders, retention) run on procrastinate, which needs PostgreSQL.
    # On the embedded SQLite demo the same job functions run through `ketensignaal run-jobs`.
    INSTALLED_APPS.insert(INSTALLED_APPS.index("ketensignaal.core"), "procrastinate.contrib.django")
# The log commands (`verify-log`, `log-checkpoint`; cli.py sets this for them) load only the apps the processing
# log needs: no views, API schema, jobs or matching libraries are imported, so the command starts in a fraction of the
# time (the integrity check is run from cron and by hand, and its start-up counted against it).
if _env("KETENSIGNAAL_APP_SET") == "log":
    INSTALLED_APPS = [
        "django.contrib.contenttypes",
        "django.contrib.auth",
        "axes",  # identity connects to its lockout signal
        "ketensignaal.identity",
        "ketensignaal.governance",
    ]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "identity.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
OIDC_RP_CLIENT_ID = "" if SANDBOX else _env("OIDC_RP_CLIENT_ID")
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("ketensignaal.identity.oidc.UnitClaimOIDCBackend")
    OIDC_RP_CLIENT_SECRET = _env("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = _env("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = _env("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = _env("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = _env("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SIGN_ALGO = _env("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_UNIT_CLAIM = _env("OIDC_UNIT_CLAIM", "ketensignaal_unit")
OIDC_ROLES_CLAIM = _env("OIDC_ROLES_CLAIM", "ketensignaal_roles")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
# Per account, from every address (issue 16.5); per address a second, higher limit (identity.lockout).
AXES_LOCKOUT_PARAMETERS = ["username"]
IP_FAILURE_LIMIT = int(_env("KETENSIGNAAL_IP_FAILURE_LIMIT", "30"))
# axes.W006 asks for ip_address in the lockout key; the per-address dimension lives in identity.lockout instead,
# with its own (higher) limit, so one typo-prone colleague behind an office NAT does not lock out the office.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"

OTP_TOTP_ISSUER = "Ketensignaal"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(_env("KETENSIGNAAL_STATIC_ROOT", str(VAR_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
ATTACHMENT_ROOT = VAR_DIR / "attachments"
LOG_CHECKPOINT_DIR = Path(_env("KETENSIGNAAL_LOG_CHECKPOINT_DIR", str(VAR_DIR / "log-checkpoints"))).resolve()
LOG_CHECKPOINT_KEY = _env("KETENSIGNAAL_LOG_CHECKPOINT_KEY")
LOG_CHECKPOINT_KEY_FILE = VAR_DIR / "log_checkpoint_key"
# Retention (ADR 0014): days between confirming a destruction list and its run (cancellable meanwhile), and after how
# many seconds without a heartbeat a destruction run counts as crashed (its lock may then be taken over).
RETENTION_COOLING_OFF_DAYS = int(_env("KETENSIGNAAL_RETENTION_COOLING_OFF_DAYS", "14"))
RETENTION_RUN_STALE_SECONDS = int(_env("KETENSIGNAAL_RETENTION_RUN_STALE_SECONDS", "300"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
MAX_API_BODY_BYTES = 2 * 1024 * 1024
MAX_JSON_DEPTH = 32  # deeper JSON bodies are refused with 400 (core.parsers)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# One setting says whether the deployment runs behind https; HSTS and Secure cookies follow it.
HTTPS = _env("KETENSIGNAAL_HTTPS", "1" if BASE_URL.startswith("https://") else "0") == "1"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
HSTS_SECONDS = int(_env("KETENSIGNAAL_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_SECONDS = HSTS_SECONDS
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Sessions end after a quiet spell and, regardless of activity, some hours after sign-in (web.middleware).
SESSION_IDLE_SECONDS = int(_env("KETENSIGNAAL_SESSION_IDLE_MINUTES", "30")) * 60
SESSION_MAX_SECONDS = int(_env("KETENSIGNAAL_SESSION_MAX_HOURS", "12")) * 3600
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if SANDBOX
    else _env("KETENSIGNAAL_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
)
EMAIL_HOST = _env("KETENSIGNAAL_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = _env("KETENSIGNAAL_EMAIL_FROM", "ketensignaal@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["ketensignaal.identity.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["ketensignaal.core.parsers.DepthLimitedJSONParser", "rest_framework.parsers.MultiPartParser"],
    "EXCEPTION_HANDLER": "ketensignaal.core.problems.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "ketensignaal.api.schema.AutoSchema",
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_PAGINATION_CLASS": "ketensignaal.core.pagination.Pagination",
    "PAGE_SIZE": 50,
}
API_VERSION = "1.0.0"
SPECTACULAR_SETTINGS = {
    "TITLE": "Ketensignaal API",
    "DESCRIPTION": "Veiligheidssignalen in de migratieketen: melden, meldstructuur, verstrekkingen, LRO en LIV.",
    "VERSION": API_VERSION,
    "CONTACT": {"name": "Ketensignaal beheer", "email": "beheer@ketensignaal.example", "url": "https://ketensignaal.example"},
    "LICENSE": {"name": "EUPL-1.2", "url": "https://eupl.eu/1.2/nl/"},
    "SERVERS": [{"url": "/api/v1", "description": "Ketensignaal"}],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ketensignaal.api.schema.add_adr_headers",
    ],
}

PROCRASTINATE_ON_APP_READY = "ketensignaal.core.jobs.on_app_ready"

# LIV trajectory (DOMAIN.md §9): turnaround target counted from acceptance, and warnings ahead of it.
FIGURES_DISCLOSURE_THRESHOLD = max(1, int(_env("KETENSIGNAAL_FIGURES_THRESHOLD", "10")))
LIV_DEADLINE_MONTHS = int(_env("KETENSIGNAAL_LIV_DEADLINE_MONTHS", "3"))
LIV_WARNING_WEEKS = (6, 2)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _env("KETENSIGNAAL_LOG_LEVEL", "WARNING")},
}

# Public reporting channel (publicreports): abuse resistance without outside services.
PUBLIC_REPORT_CHALLENGE_BITS = int(_env("KETENSIGNAAL_PUBLIC_CHALLENGE_BITS", "16"))
PUBLIC_REPORT_RATE_PER_HOUR = int(_env("KETENSIGNAAL_PUBLIC_RATE_PER_HOUR", "10"))
PUBLIC_ADDITION_RATE_PER_DAY = int(_env("KETENSIGNAAL_PUBLIC_ADDITION_RATE_PER_DAY", "5"))
PUBLIC_REPORT_MAX_BYTES = int(_env("KETENSIGNAAL_PUBLIC_MAX_MB", "10")) * 1024 * 1024

# Webhooks to partner systems (webhooks): CloudEvents source, and whether http://127.0.0.1 may be a target (tests and
# the local demo only; production accepts https on public addresses only).
WEBHOOKS_EVENT_SOURCE = _env("KETENSIGNAAL_EVENT_SOURCE", BASE_URL)
WEBHOOKS_ALLOW_LOCAL = _env("KETENSIGNAAL_WEBHOOKS_ALLOW_LOCAL") == "1"
