"""Settings for the fact-checking claim database.

Every value that differs between deployments comes from the environment. With nothing set,
the project runs on an SQLite file next to this repository, with DEBUG off; ``make run``
sets DEBUG and a throw-away SECRET_KEY for local development.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


# A bad or missing deployment value stops the process with one line on stderr (sys.exit), not a
# traceback.


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no variable; refuse anything that is not clearly one or the other."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    sys.exit(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        sys.exit(f"{name} must be a whole number; got {raw!r}")


DEBUG = env_bool("DEBUG", default=False)
TESTING = "pytest" in sys.modules or (len(sys.argv) > 1 and sys.argv[1] == "test")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-never-use-in-production"
    else:
        # One line on stderr and a non-zero exit, rather than a traceback.
        sys.exit("SECRET_KEY is not set: set SECRET_KEY in the environment (or DEBUG=1 for local development).")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "claims.api.exceptions.csrf_failure"  # JSON under /api/, Django's page elsewhere

# The organisation that signs the reviews (ClaimReview ``author``, page footers).
SITE_NAME = os.environ.get("SITE_NAME", "Vérif’Claims")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Production (DEBUG off) publishes SITE_URL in every ClaimReview and feed: it must be the public
# address, and the hosts must be named. A production-like run on this machine (the cluster, the
# fuzz and bench scripts) says so with ALLOW_LOCAL_SITE_URL=1.
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", ""}
if not DEBUG and not TESTING:
    if not ALLOWED_HOSTS:
        sys.exit("ALLOWED_HOSTS is not set: name the site's host names (comma-separated), or DEBUG=1 for development.")
    if (urlsplit(SITE_URL).hostname or "") in LOCAL_HOSTS and not env_bool("ALLOW_LOCAL_SITE_URL"):
        sys.exit(
            f"SITE_URL is {SITE_URL or 'empty'}, not a public address: set the site's public base URL "
            "(or ALLOW_LOCAL_SITE_URL=1 for a production-like run on this machine)."
        )
# Where readers send questions and correction requests (methodology page, footer).
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "corrections@example.org")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "axes",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "claims.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "claims.cache.AnonymousCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "claims.admin.guard.AdminInputMiddleware",  # bad ids and NUL bytes: 400/404, not 500
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "factcheck.middleware.DatabaseOutageMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "factcheck.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "claims.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "factcheck.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Screens with one URL for every language: the cookie or Accept-Language picks theirs. The API
# (``API_PATH``) answers in English unless Accept-Language asks for French (claims.middleware).
LANGUAGE_FROM_REQUEST_PATHS = ["/admin/"]
API_PATH = "/api/"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["claims.api.permissions.DeskWritesOthersRead"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["claims.api.parsers.LimitedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "claims.api.pagination.PageNumberPagination",
    "DEFAULT_THROTTLE_CLASSES": ["claims.api.throttling.AnonymousThrottle"],
    "EXCEPTION_HANDLER": "claims.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# How many reverse proxies stand in front of the app servers (1 behind nginx): the throttles read the
# client's address that many hops back in X-Forwarded-For. 0 (the default) ignores that header, so
# a client cannot pick its own throttle bucket by sending one.
REST_FRAMEWORK["NUM_PROXIES"] = env_int("NUM_PROXIES", 0)
# Request bodies nest at most this deep (our payloads need 3); deeper is a 400.
API_MAX_JSON_DEPTH = 20
# Requests per period for each anonymous client (IP address), e.g. "120/minute"; 429 past it.
API_ANON_THROTTLE_RATE = os.environ.get("API_ANON_THROTTLE_RATE", "120/minute")
# How long an anonymous read stays cached (claims.cache); any change to published content makes it
# stale before that. 0 turns the cache off.
ANONYMOUS_CACHE_SECONDS = env_int("ANONYMOUS_CACHE_SECONDS", 300)

SPECTACULAR_SETTINGS = {
    "TITLE": "Fact-checking claim database API",
    "DESCRIPTION": "Claims, verdicts and sources; schema.org ClaimReview; a claims:search compatible endpoint.",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # Operation paths as plain text: a link inside each operation's toggle button is unreachable by keyboard.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "claims.models.LANGUAGE_CHOICES",
        "ClaimStatusEnum": "claims.models.ClaimStatus",
        "VerdictStatusEnum": "claims.models.VerdictStatus",
        "ClaimKindEnum": "claims.models.ClaimKind",
        "ClaimantKindEnum": "claims.models.ClaimantKind",
        "SourceKindEnum": "claims.models.SourceKind",
    },
    "COMPONENT_SPLIT_REQUEST": True,
}

# Production hardening; `manage.py check --deploy` is clean when DEBUG is off and the
# deployment sets SECURE_SSL_REDIRECT=1 behind TLS.
# X-Forwarded-Proto is believed only when the deployment says a proxy sets it (and strips the
# client's own): otherwise any client could pass a plain-HTTP request off as HTTPS.
if env_bool("TRUST_X_FORWARDED_PROTO") or env_bool("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
# Both bind more than this site (every subdomain; browsers' built-in lists): each is asked for.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# `check --deploy` warns about both whenever HSTS is on; leaving them out is this deployment's choice.
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]

# Content-Security-Policy on every response (django-csp): scripts, styles, images and fonts from
# this site only; no inline script or style, no third-party image (a tracking pixel in an
# explanation). The pages' one inline block, the ClaimReview JSON-LD, carries the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        # One exception, by its hash: the `style="border-top: 0"` of django-simple-history's admin
        # history page. No other inline style applies.
        "style-src-attr": [UNSAFE_HASHES, "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling (django-axes): LOGIN_FAILURE_LIMIT wrong passwords for one username from one
# client lock that pair out for LOGIN_COOLOFF_MINUTES, even with the right password (429). The
# client's address is read as the API's throttles read it (NUM_PROXIES). `manage.py axes_reset`
# lifts every lock.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "factcheck.security.client_ip"
AXES_VERBOSE = False
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out client before any password check
    "django.contrib.auth.backends.ModelBackend",
]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


# Beyond one machine: read replicas, a shared cache and background workers. With none of the
# variables below set, everything runs in one process on one database, as above.

# Read replicas, e.g. "postgres://u:p@replica-a:5432/factcheck,postgres://u:p@replica-b:5432/factcheck",
# become the database aliases replica1, replica2… Anonymous reads go to a healthy one
# (factcheck.routers); writes, signed-in users and token clients stay on the primary.
DATABASE_REPLICAS = []
for _index, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    _replica = dj_database_url.parse(_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True)
    if _replica["ENGINE"] != "django.db.backends.postgresql":
        sys.exit(f"DATABASE_REPLICA_URLS must name PostgreSQL servers; entry {_index} does not")
    # A replica that does not answer is skipped after this many seconds, not waited for.
    _replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", env_int("REPLICA_CONNECT_TIMEOUT", 2))
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES[f"replica{_index}"] = _replica
    DATABASE_REPLICAS.append(f"replica{_index}")
if DATABASE_REPLICAS:
    DATABASE_ROUTERS = ["factcheck.routers.ReplicaRouter"]
    MIDDLEWARE = [*MIDDLEWARE, "factcheck.middleware.ReplicaRoutingMiddleware"]
# A replica further behind the primary than this is skipped until it catches up.
REPLICA_MAX_LAG_SECONDS = env_int("REPLICA_MAX_LAG_SECONDS", 5)
# How long each process trusts its last measure of the replicas' health and lag.
REPLICA_CHECK_SECONDS = env_int("REPLICA_CHECK_SECONDS", 2)
# After any write, the writer's reads stay on the primary this long (a signed cookie), so they see
# what they wrote. Keep it above REPLICA_MAX_LAG_SECONDS + REPLICA_CHECK_SECONDS.
READ_YOUR_WRITES_SECONDS = env_int("READ_YOUR_WRITES_SECONDS", 10)

# Redis, e.g. "redis://127.0.0.1:6379/0": the cache, the sessions and the API's throttle counters
# (DRF keeps them in the default cache) are shared by every app server.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "factcheck",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
    # Sessions read from Redis and survive its restart through the database.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery for long jobs (claims.jobs). With no broker, jobs run in the process that starts them,
# so `make run` needs nothing more.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
if CELERY_TASK_ALWAYS_EAGER:
    CELERY_BROKER_URL = "memory://localhost/"  # never used: nothing is sent to a broker
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True  # a job's outcome is its claims.Job row
# A job's message is acknowledged when it ends, so a worker lost mid-job hands it to another.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis redelivers an unacknowledged job after this long: longer than any job runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 12 * 3600)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE

# The ClaimReview DataFeed is written to disk once per content version and language, plain and
# gzipped, and served from there (claims.datafeed). A request that finds no copy of the current
# version gets the live document, and asks a worker to write the copy; with no broker that job would
# run inside the request, so it is not asked for: `manage.py build_datafeed` writes the copies.
DATAFEED_DIR = Path(os.environ.get("DATAFEED_DIR") or BASE_DIR / "var" / "datafeed")
DATAFEED_BUILD_ON_REQUEST = env_bool("DATAFEED_BUILD_ON_REQUEST", default=not CELERY_TASK_ALWAYS_EAGER)

# Development: with SITE_URL unset, the absolute URLs in responses (ClaimReview, claims:search, the
# DataFeed) follow the request's own host and port, so `PORT=8840 make run` links to itself.
SITE_URL_FROM_REQUEST = DEBUG and not os.environ.get("SITE_URL")

# CORS: any site may read the API anonymously (a partner's widget); never write, never the admin.
# Only GET/HEAD/OPTIONS under /api/ and /v1alpha1/ get the headers, and never with credentials.
INSTALLED_APPS += ["corsheaders"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.common.CommonMiddleware"), "claims.cors.ReadOnlyCorsMiddleware")
CORS_URLS_REGEX = r"^/(api|v1alpha1)/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False

# The browsable API for a person who opens an endpoint in a browser; JSON stays the default.
REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"] = [
    *REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"],
    "rest_framework.renderers.BrowsableAPIRenderer",
]
SPECTACULAR_SETTINGS["PREPROCESSING_HOOKS"] = ["claims.api.schema.canonical_paths"]
