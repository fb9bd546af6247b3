"""Settings from the environment, with development defaults that run on SQLite and in-process tasks.

Production deployments use tracker.settings.production, which refuses unsafe values.
"""

from pathlib import Path

import dj_database_url

from tracker.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("TRACKER_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
# A fixed development key is only ever used with DEBUG on; production.py refuses to start without SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Before rest_framework, so its browsable API template links to the pages.
    "tracker.web",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "papers",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tracker.api.throttling.RateLimitHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"
ASGI_APPLICATION = "tracker.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tracker" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tracker.web.context_processors.curator",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'tracker.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The leaderboards' covering index INCLUDEs columns on PostgreSQL; SQLite builds it on its keys alone.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tracker",
            # A cache outage must slow reads down, not break them.
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    # Shared by every process on the machine (web server, workers, commands), so an import from the
    # command line is seen by the running server at once. A per-process memory cache would serve stale
    # leaderboards until they expire.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("CACHE_DIR", str(VAR_DIR / "cache")),
            "KEY_PREFIX": "tracker",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
LEADERBOARD_CACHE_SECONDS = env_int("LEADERBOARD_CACHE_SECONDS", 600)

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
# How long a curator can undo a decision taken in the curation queue.
CURATION_UNDO_MINUTES = env_int("CURATION_UNDO_MINUTES", 10)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Uploaded import files larger than this are refused by the API.
IMPORT_UPLOAD_MAX_BYTES = env_int("IMPORT_UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_BATCH_SIZE = env_int("IMPORT_BATCH_SIZE", 500)
# ... or fewer, when their titles and abstracts pass this many characters (memory stays bounded).
IMPORT_BATCH_MAX_CHARS = env_int("IMPORT_BATCH_MAX_CHARS", 5_000_000)
# arXiv-snapshot JSON lines on PostgreSQL go through COPY into a staging table, a chunk of this many records
# (or characters of title and abstract) per transaction; IMPORT_COPY=false keeps them on the batched path.
IMPORT_COPY = env_bool("IMPORT_COPY", True)
IMPORT_COPY_CHUNK_SIZE = env_int("IMPORT_COPY_CHUNK_SIZE", 10_000)
IMPORT_COPY_MAX_CHARS = env_int("IMPORT_COPY_MAX_CHARS", 20_000_000)
# What one import may read: the file once uncompressed (a gzip bomb stops here), one line or JSON item,
# and the title and abstract of one record (real abstracts are a few thousand characters).
IMPORT_MAX_FILE_BYTES = env_int("IMPORT_MAX_FILE_BYTES", 1024 * 1024 * 1024)
IMPORT_MAX_LINE_BYTES = env_int("IMPORT_MAX_LINE_BYTES", 4 * 1024 * 1024)
IMPORT_MAX_TITLE_CHARS = env_int("IMPORT_MAX_TITLE_CHARS", 1000)
IMPORT_MAX_ABSTRACT_CHARS = env_int("IMPORT_MAX_ABSTRACT_CHARS", 100_000)
# A running import saves a batch every second or so; one silent this long lost its worker.
IMPORT_STALE_AFTER_SECONDS = env_int("IMPORT_STALE_AFTER_SECONDS", 15 * 60)
IMPORT_MAX_ATTEMPTS = env_int("IMPORT_MAX_ATTEMPTS", 3)
# A plain (not gzipped) JSON-lines file larger than this is cut into ranges of about this size, one task each,
# so several workers import it at once.
IMPORT_RANGE_BYTES = env_int("IMPORT_RANGE_BYTES", 32 * 1024 * 1024)
EXTRACT_CHUNK_SIZE = env_int("EXTRACT_CHUNK_SIZE", 100)

# Celery: with no broker configured, tasks run in-process (eagerly) so a bare checkout needs nothing else.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or (CELERY_BROKER_URL or None)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 60 * 60 * 24
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# With acks_late, a task whose worker died is delivered again after this many seconds. It must exceed the
# longest task, or a slow import would be handed to a second worker while the first still runs it.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_BEAT_SCHEDULE = {
    "extract-stale-papers": {
        "task": "claims.tasks.extract_stale_papers",
        "schedule": env_int("EXTRACT_STALE_EVERY_SECONDS", 15 * 60),
    },
    # Saved feeds (papers.SavedFeed, edited in the admin) carry their own schedules; this only looks for due ones.
    "run-due-feeds": {
        "task": "papers.tasks.run_due_feeds",
        "schedule": env_int("FEEDS_CHECK_EVERY_SECONDS", 5 * 60),
    },
    "recover-stuck-imports": {
        "task": "papers.tasks.recover_stuck_imports",
        "schedule": env_int("RECOVER_IMPORTS_EVERY_SECONDS", 5 * 60),
    },
}
# A broker that is down must fail a send in a second or two, not hang the request that sends it.
CELERY_BROKER_CONNECTION_TIMEOUT = env_int("CELERY_BROKER_CONNECTION_TIMEOUT", 2)
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}

# Live feeds (papers/feeds/): where the services are and how politely to ask them. The URLs are settings so
# tests (and mirrors) can point the feeds elsewhere.
FEEDS_ARXIV_API_URL = env_str("FEEDS_ARXIV_API_URL", "https://export.arxiv.org/api/query")
FEEDS_ARXIV_OAI_URL = env_str("FEEDS_ARXIV_OAI_URL", "https://oaipmh.arxiv.org/oai")
FEEDS_HF_DAILY_URL = env_str("FEEDS_HF_DAILY_URL", "https://huggingface.co/api/daily_papers")
FEEDS_CONTACT = env_str("FEEDS_CONTACT")  # an e-mail or URL the services can reach the operator at
FEEDS_USER_AGENT = env_str("FEEDS_USER_AGENT") or (
    "benchmark-claims-tracker/0.1 (paper metadata importer; python-httpx"
    + (f"; {FEEDS_CONTACT}" if FEEDS_CONTACT else "")
    + ")"
)
FEEDS_TIMEOUT_SECONDS = env_int("FEEDS_TIMEOUT_SECONDS", 30)
FEEDS_MAX_RETRIES = env_int("FEEDS_MAX_RETRIES", 4)
FEEDS_BACKOFF_SECONDS = env_int("FEEDS_BACKOFF_SECONDS", 5)
# arXiv asks for one request every three seconds, on one connection.
FEEDS_ARXIV_INTERVAL_SECONDS = env_int("FEEDS_ARXIV_INTERVAL_SECONDS", 3)
FEEDS_HF_INTERVAL_SECONDS = env_int("FEEDS_HF_INTERVAL_SECONDS", 1)
FEEDS_ARXIV_PAGE_SIZE = env_int("FEEDS_ARXIV_PAGE_SIZE", 100)
# A saved feed's run still queued or running after this long is taken for dead and the feed runs again.
FEEDS_RUN_STALE_AFTER_SECONDS = env_int("FEEDS_RUN_STALE_AFTER_SECONDS", 6 * 60 * 60)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "tracker.api.parameters.KnownParametersFilter",
        "django_filters.rest_framework.DjangoFilterBackend",
        "tracker.api.ordering.StableOrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "tracker.api.renderers.ORJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "tracker.api.renderers.CSVRenderer",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "tracker.api.negotiation.StrictContentNegotiation",
    "EXCEPTION_HANDLER": "tracker.api.exceptions.api_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "tracker.api.pagination.StandardPagination",
    "PAGE_SIZE": env_int("API_PAGE_SIZE", 50),
    "DEFAULT_THROTTLE_CLASSES": [
        "tracker.api.throttling.AnonRateLimit",
        "tracker.api.throttling.UserRateLimit",
    ],
    # A notebook paging through a whole table makes a few requests a second: that stays well inside.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "1200/min"),
        "user": env_str("API_THROTTLE_USER", "6000/min"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Benchmark-claims tracker API",
    "DESCRIPTION": "Papers, the benchmark results their abstracts claim, and leaderboards built from them.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tracker.api.schema.document_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "ImportRunStatusEnum": "papers.models.ImportRun.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
