"""Settings, all from the environment (DESIGN §8); SQLite in var/ unless DANVAN_DATABASE_URL says otherwise."""

import ipaddress
import os
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(int(default))).strip().lower() in {"1", "true", "yes", "on"}


DATA_DIR = Path(os.environ.get("DANVAN_DATA_DIR", PROJECT_DIR / "var"))
DEBUG = env_bool("DANVAN_DEBUG")
TESTING = env_bool("DANVAN_TESTING") or "pytest" in sys.modules


def refuse_to_start(message: str) -> None:
    """A production setting is missing or wrong: say so in one plain message, without a traceback, and stop."""
    sys.stderr.write(f"danvan: {message}\n")
    sys.exit(2)


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip() or str(default)
    if not value.isdigit():
        refuse_to_start(f"{name} phải là số nguyên không âm, không phải “{value}” (must be a whole number).")
    return int(value)


SECRET_KEY = os.environ.get("DANVAN_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        refuse_to_start(
            "chưa đặt DANVAN_SECRET_KEY — ở chế độ sản xuất (DANVAN_DEBUG=0) phải có khóa bí mật riêng; "
            "tạo bằng: python3 -c 'import secrets; print(secrets.token_urlsafe(50))' (xem docs/deployment.md).\n"
            "        DANVAN_SECRET_KEY is not set: production (DANVAN_DEBUG=0) needs a secret key of its own."
        )
    # Debug and tests only: a key nobody may rely on.
    SECRET_KEY = "danvan-insecure-development-key-for-debug-and-tests-only"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("DANVAN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")]
ALLOWED_HOSTS = [h for h in ALLOWED_HOSTS if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # The portal's sitemap.xml (its templates).
    "django.contrib.sitemaps",
    "django_htmx",
    "django_filters",
    # Swagger UI's files from our own static files (a CDN would be blocked by our CSP).
    "ninja",
    "django_tasks_db",
    "axes",
    "danvan.core",
    "danvan.orgunits",
    "danvan.accounts",
    "danvan.notifications",
    "danvan.documents",
    "danvan.practices",
    "danvan.activities",
    "danvan.citizens",
    "danvan.portal",
    "danvan.reporting",
    "danvan.ingest",
    "danvan.home",
    "danvan.demo",
    "danvan.bench",
    "danvan.api",
]

MIDDLEWARE = [
    "danvan.core.middleware.TrustedProxyMiddleware",
    "danvan.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # A site's own host name serves that public site at the root (portal/urls/host.py).
    "danvan.portal.middleware.SiteHostMiddleware",
    "danvan.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "danvan.accounts.current_unit.CurrentUnitMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.core.context_processors.frame",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "django.templatetags.static",
                "danvan.core.templatetags.vn",
                "danvan.accounts.templatetags.scope",
            ],
        },
    }
]

# SQLite, however it is named (the default file or DANVAN_DATABASE_URL=sqlite:///…): WAL so readers never wait for
# the writer, IMMEDIATE transactions and a busy timeout so concurrent writers queue instead of failing "locked".
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA cache_size=-64000; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;"
    ),
}
DATABASE_URL = os.environ.get("DANVAN_DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "danvan.sqlite3"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}

# A PostgreSQL streaming read replica (docs/scaling.md): read-only analytics and counts go there through
# core.replica.analytics_db(), back to the primary when it lags more than DANVAN_REPLICA_MAX_LAG seconds or is down.
REPLICA_URL = os.environ.get("DANVAN_REPLICA_URL", "")
REPLICA_MAX_LAG = float(os.environ.get("DANVAN_REPLICA_MAX_LAG", "10"))
# Not under the test runner (a replica has no test database): tests/core/test_replica.py adds the alias itself.
if REPLICA_URL and not TESTING:
    DATABASES["replica"] = dj_database_url.parse(REPLICA_URL, conn_max_age=60)
    DATABASES["replica"].setdefault("OPTIONS", {})["connect_timeout"] = 2
    MIDDLEWARE.append("danvan.core.replica.ReplicaMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's validators with Vietnamese messages (accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "danvan.accounts.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "danvan.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "danvan.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "danvan.accounts.passwords.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Brute-force protection: five wrong passwords for one username from one address locks it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "danvan.accounts.lockout.locked_out"
AXES_VERBOSE = False
AXES_ENABLED = env_bool("DANVAN_AXES_ENABLED", True)
# The client's address is REMOTE_ADDR, made real behind a trusted proxy by core.middleware.TrustedProxyMiddleware.
AXES_CLIENT_IP_CALLABLE = "danvan.core.middleware.client_address"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["danvan.formats"]
# Off: with it on, every {{ unit.pk }} in a link or a hidden input would print as "15.129". Figures shown to people
# are grouped explicitly with the |vnnumber filter (1.759 in Vietnamese, 1,759 in English).
USE_THOUSAND_SEPARATOR = False

# Production: `danvan collectstatic` gathers the files into DATA_DIR/static with hashed names and compressed copies,
# and whitenoise serves them with far-future caching. Debug: straight from the source tree. Tests: the manifest
# storage as in production (a missing file fails), collected once per session into a scratch folder
# (tests/conftest.py), without the compression (slow, and not what the tests check).
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_BACKEND = "whitenoise.storage.CompressedManifestStaticFilesStorage"
if DEBUG:
    STATICFILES_BACKEND = "django.contrib.staticfiles.storage.StaticFilesStorage"
elif TESTING:
    STATICFILES_BACKEND = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    if "pytest" in sys.modules:  # one folder per test process (xdist runs several)
        STATIC_ROOT = Path(tempfile.gettempdir()) / f"danvan-test-static-{os.getpid()}"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": STATICFILES_BACKEND},
}
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG


SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "danvan.home.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


def env_networks(name: str) -> list[str]:
    """A comma-separated list of addresses or CIDR networks; a wrong one stops the start naming it."""
    networks = []
    for item in os.environ.get(name, "").split(","):
        if item.strip():
            try:
                networks.append(str(ipaddress.ip_network(item.strip(), strict=False)))
            except ValueError:
                refuse_to_start(
                    f"{name}: “{item.strip()}” không phải địa chỉ IP hay mạng CIDR (not an IP or CIDR)."
                )
    return networks


# Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto we believe (nginx on the same machine: 127.0.0.1).
TRUSTED_PROXIES = env_networks("DANVAN_TRUSTED_PROXIES")
if TRUSTED_PROXIES:
    # TrustedProxyMiddleware removes the header when the request did not come through a trusted proxy.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not (DEBUG or TESTING):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DANVAN_SSL_REDIRECT", True)
    # A monitor on the machine polls the health check over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env_int("DANVAN_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DANVAN_HSTS_INCLUDE_SUBDOMAINS", True)
# Asking browsers to preload HSTS for the whole domain is the domain owner's decision, not the application's.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DANVAN_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# /healthz says "degraded" when a task has waited this long for the worker, or the data directory is this full.
HEALTH_QUEUE_MAX_WAIT_SECONDS = env_int("DANVAN_HEALTH_QUEUE_SECONDS", 300)
HEALTH_MIN_FREE_MB = env_int("DANVAN_HEALTH_MIN_FREE_MB", 1024)
if TESTING:
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

# One cache shared by every worker process of a server (rate limits, cached figures): files in the data directory.
# Tests keep it in memory.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
if TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Error reports leave out uploaded files' names (core/error_reports.py).
DEFAULT_EXCEPTION_REPORTER = "danvan.core.error_reports.ExceptionReporter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "danvan.core.middleware.RequestIdLogFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
MEDIA_URL = "/media/"
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 5000
# The empty choice of every filter select reads "all", not "---------".
FILTERS_EMPTY_CHOICE_LABEL = _("Tất cả")

if TESTING:
    # Real hashing costs a second per user; tests create many users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Authentication limits: API tokens, rate limits (accounts/throttling.py), sessions (accounts/middleware.py).
DANVAN_TOKEN_DAYS = int(os.environ.get("DANVAN_TOKEN_DAYS", "90"))
# "N/s", "N/min", "N/hour" or "N/day"; counted in the shared cache per key.
DANVAN_RATE_LIMITS = {
    "auth_address": os.environ.get(
        "DANVAN_RATE_AUTH_ADDRESS", "10/min"
    ),  # logins and /auth/token per address
    "auth_username": os.environ.get("DANVAN_RATE_AUTH_USERNAME", "10/min"),  # … per username tried
    "api_user": os.environ.get("DANVAN_RATE_API_USER", "600/min"),  # API calls per user
    "api_address": os.environ.get("DANVAN_RATE_API_ADDRESS", "1200/min"),  # API calls per address
}
for _scope, _rate in DANVAN_RATE_LIMITS.items():
    if not _rate.partition("/")[0].isdigit() or _rate.partition("/")[2] not in {"s", "min", "hour", "day"}:
        raise RuntimeError(
            f"Giới hạn tần suất {_scope} = {_rate!r} không hợp lệ: dùng dạng 10/min (s, min, hour, day)."
        )
if TESTING:  # the suite and the API fuzzing never meet a limit; the rate-limit tests lower them
    DANVAN_RATE_LIMITS = dict.fromkeys(DANVAN_RATE_LIMITS, "100000/min")
NINJA_NUM_PROXIES = (
    0  # ninja reads REMOTE_ADDR, never X-Forwarded-For (the trusted-proxy middleware handles that)
)
# A session ends after DANVAN_SESSION_IDLE_MINUTES without a request, and SESSION_COOKIE_AGE after logging in.
DANVAN_SESSION_IDLE_MINUTES = int(os.environ.get("DANVAN_SESSION_IDLE_MINUTES", "480"))
SESSION_COOKIE_AGE = 14 * 24 * 3600
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.messages.middleware.MessageMiddleware") + 1,
    "danvan.accounts.middleware.SessionIdleTimeoutMiddleware",
)
# After authentication: an account an administrator created or reset must choose its own password first.
MIDDLEWARE.insert(
    MIDDLEWARE.index("danvan.accounts.current_unit.CurrentUnitMiddleware"),
    "danvan.accounts.middleware.PasswordChangeRequiredMiddleware",
)

# Mail (notifications, password recovery), through Django's mailers: DANVAN_EMAIL_URL names the SMTP server —
# smtp://user:password@host:587 (STARTTLS; ?tls=0 for a relay on the same machine without it),
# smtps://user:password@host:465 (TLS), or console:// to print each mail on the server's log. Unset: the console in
# debug mode, else a relay on the machine itself, smtp://localhost:25 without TLS, Django's own default
# (docs/deployment.md).
DEFAULT_FROM_EMAIL = os.environ.get("DANVAN_EMAIL_FROM", "Dân vận số <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


def mailer(url: str) -> dict:
    """The default mailer a DANVAN_EMAIL_URL names; a wrong one stops the start naming it."""
    if not url or url.startswith("console:"):
        return {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
    parts = urlsplit(url)
    if parts.scheme not in {"smtp", "smtps"} or not parts.hostname:
        refuse_to_start(
            "DANVAN_EMAIL_URL phải có dạng smtp://người-dùng:mật-khẩu@máy-chủ:587, smtps://… hoặc console:// "
            f"(must look like smtp://user:password@host:587), không phải “{parts.scheme}://…”."
        )
    tls = parse_qs(parts.query).get("tls", ["1"])[0] not in {"0", "false", "no"}
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname,
            "port": parts.port or (465 if parts.scheme == "smtps" else 587),
            "username": unquote(parts.username or ""),
            "password": unquote(parts.password or ""),
            "use_ssl": parts.scheme == "smtps",
            "use_tls": parts.scheme == "smtp" and tls,
            "timeout": env_int("DANVAN_EMAIL_TIMEOUT", 20),
        },
    }


MAILERS = {
    "default": mailer(
        os.environ.get("DANVAN_EMAIL_URL", "").strip() or ("" if DEBUG else "smtp://localhost:25?tls=0")
    )
}
# The site's address as people open it, for the links in e-mails (sent after the request, or by a command).
DANVAN_SITE_URL = os.environ.get("DANVAN_SITE_URL", "http://127.0.0.1:8000").strip().rstrip("/")

# The PDF report documents are set in Liberation Serif 2.x (Times New Roman's metrics, with every Vietnamese letter):
# the folder of Debian's fonts-liberation2 by default. Its files are named in the PDF's @font-face rules, so the
# older Liberation Serif 1.07 (no Vietnamese letters) that fontconfig may also know is never picked.
DANVAN_PDF_FONT_DIR = os.environ.get("DANVAN_PDF_FONT_DIR", "/usr/share/fonts/truetype/liberation2")
