"""Settings shared by every run mode.

Service URLs and secrets come only from the environment. With none of them set the
platform runs embedded: SQLite, the in-memory channel layer, a local-memory cache
and Wagtail's database search.
"""

from pathlib import Path

import dj_database_url

from .cms import (  # noqa: F401 - settings kept in their own module
    MAX_IMAGE_PIXELS,
    MAX_UNPACKED_MB,
    MAX_UPLOAD_MB,
    SITE_URL,
    TAGGIT_CASE_INSENSITIVE,
    WAGTAIL_SITE_NAME,
    WAGTAIL_WORKFLOW_ENABLED,
    WAGTAILADMIN_BASE_URL,
    WAGTAILAPI_BASE_URL,
    WAGTAILAPI_LIMIT_MAX,
    WAGTAILDOCS_DOCUMENT_FORM_BASE,
    WAGTAILDOCS_EXTENSIONS,
    WAGTAILDOCS_MAX_UPLOAD_SIZE,
    WAGTAILDOCS_SERVE_METHOD,
    WAGTAILIMAGES_EXTENSIONS,
    WAGTAILIMAGES_MAX_IMAGE_PIXELS,
    WAGTAILIMAGES_MAX_UPLOAD_SIZE,
)
from .env import env, env_bool
from .languages import (  # noqa: F401 - settings kept in their own module
    CONTENT_LANGUAGE_CHOICES,
    FORMAT_MODULE_PATH,
    LANGUAGE_CODE,
    LANGUAGES,
    TIME_ZONE,
    USE_I18N,
    USE_TZ,
    WAGTAIL_CONTENT_LANGUAGES,
    WAGTAIL_I18N_ENABLED,
)
from .logs import LOGGING  # noqa: F401 - settings kept in their own module
from .members import (  # noqa: F401 - settings kept in their own module
    COUNSELLING_DEFAULT_ZONE,
    COUNSELLING_LOCK_TIMEOUT_MS,
    COUNSELLING_REMINDERS,
    COUNSELLING_ROOM_OPENS_BEFORE,
    CREDENTIALS_FONT_DIR,
    CREDENTIALS_ISSUER_EMAIL,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent


DEBUG = False

INSTALLED_APPS = [
    "vetnet",
    "taxonomy",
    "community",
    "practices",
    "events",
    "credentials",
    "forums",
    "counselling",
    "learning",
    "search",
    "insights",
    "notifications",
    "daphne",
    "channels",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail.contrib.simple_translation",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Outermost: decides Cache-Control on the final response (cookies included).
    "vetnet.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "vetnet.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the locale (the 414 page speaks the visitor's language), before
    # anything that works on the request.
    "vetnet.request_limits.QueryStringLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Inside the locale and the user: a GET on a POST-only address gets a page.
    "vetnet.method_not_allowed.MethodNotAllowedPageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "vetnet.post_rate_limits.PostRateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's redirects, also under the language prefixes (vetnet/redirects.py).
    "vetnet.redirects.LanguageRedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Routes Wagtail's pages in one query per content version (process_view only).
    "vetnet.routing.FastRouteMiddleware",
]

ROOT_URLCONF = "vetnet.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "vetnet.wsgi.application"
ASGI_APPLICATION = "vetnet.asgi.application"

# --- Database -------------------------------------------------------------------
# DATABASE_URL selects PostgreSQL (tests, production); otherwise a local SQLite file.
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"].endswith("postgresql") and env_bool(
        "DB_POOL", True
    ):
        # Under ASGI every request runs its sync code in a thread of its own, so
        # persistent connections pile up one per thread (Django's docs advise
        # against them with ASGI): 200 simultaneous registrations exhausted
        # PostgreSQL's max_connections in the benchmark. A bounded psycopg pool
        # per process makes a burst queue for a connection instead.
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": int(env("DB_POOL_MIN_SIZE", "2")),
            "max_size": int(env("DB_POOL_MAX_SIZE", "20")),
            "timeout": float(env("DB_POOL_TIMEOUT", "20")),
        }
    else:
        DATABASES["default"]["CONN_MAX_AGE"] = int(env("DB_CONN_MAX_AGE", "0"))
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {"timeout": 20},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache -------------------------------------------------
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                # The default capacity (100) refuses messages to a busy socket;
                # a room of several hundred members needs more headroom.
                "capacity": 1500,
                "expiry": 30,
                "group_expiry": 86400,
                "prefix": env("CHANNEL_LAYER_PREFIX", "vetnet"),
            },
        },
        # Forum rooms fan out through Redis pub/sub: one publish per message and
        # process, where the queue layer above pops once per socket (bench/rooms.py
        # measured about half the delivery latency to a room of 100). Messages
        # are in the database; a socket that missed one reloads history on reconnect.
        "forums": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env("CHANNEL_LAYER_PREFIX", "vetnet") + ":rooms",
            },
        },
    }
    CACHES = {
        "default": {
            "BACKEND": "vetnet.cache_redis.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "vetnet"),
            "TIMEOUT": 300,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "vetnet",
        }
    }

# Results of repeated searches (search/services/results_cache.py), seconds; 0 = off.
SEARCH_CACHE_SECONDS = int(env("SEARCH_CACHE_SECONDS", "300"))

# HTTP caching of anonymous pages (vetnet/cache.py): how long a shared cache (nginx,
# a CDN) may keep the pages whose changes purge it, the home page, and the others.
FRONT_CACHE_SECONDS = int(env("FRONT_CACHE_SECONDS", "600"))
HOME_CACHE_SECONDS = int(env("HOME_CACHE_SECONDS", "30"))
FRONT_CACHE_SHORT_SECONDS = int(env("FRONT_CACHE_SHORT_SECONDS", "30"))
# Django-side copies of those pages for the embedded run (no proxy in front);
# 0 turns them off (the benchmark measures both).
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
# The listing's facet counts, kept until the next publish whatever the above.
FACET_CACHE_SECONDS = int(env("FACET_CACHE_SECONDS", "300"))
# Bytes of rendered page parts (practice bodies, ...) each process keeps per
# content version besides the entry count (vetnet.routing.KeptValues).
PAGE_MEMO_BYTES = int(env("PAGE_MEMO_BYTES", str(64 * 2**20)))
# Bytes of the pages themselves (rows with their parsed bodies) each process
# keeps per content version besides the entry count (vetnet.routing.page_bytes).
PAGE_ROWS_BYTES = int(env("PAGE_ROWS_BYTES", str(32 * 2**20)))
# The proxy that receives purges (vetnet/frontcache.py), e.g. http://127.0.0.1:8080
# under `make serve`. Wagtail's own language expansion assumes every language has a
# prefix (ours: English has none), so it is off and frontcache expands instead.
FRONT_CACHE_PURGE_URL = env("FRONT_CACHE_PURGE_URL")
if FRONT_CACHE_PURGE_URL:
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "vetnet.frontcache.PurgeBackend",
            "LOCATION": FRONT_CACHE_PURGE_URL,
            "TIMEOUT": float(env("FRONT_CACHE_PURGE_TIMEOUT", "2")),
        }
    }
WAGTAILFRONTENDCACHE_LANGUAGES = []
# Where the URLs each cached page was kept under are remembered (Redis keys).
FRONT_CACHE_REGISTRY_PREFIX = env("CACHE_KEY_PREFIX", "vetnet")

# Posts on one page of a forum thread (forums/services/pages.py): a reply lands on
# the page that shows it, each page is cached and purged on its own.
FORUMS_POSTS_PER_PAGE = int(env("FORUMS_POSTS_PER_PAGE", "20"))

# POST limits per client address (vetnet/post_rate_limits.py), "count/period" or
# 0 = off, counted by vetnet/ratelimit.py (in Redis when REDIS_URL is set).
REGISTRATION_RATE_LIMIT = env("REGISTRATION_RATE_LIMIT", "10/m")
FORUM_POST_RATE_LIMIT = env("FORUM_POST_RATE_LIMIT", "20/m")
SUBMISSION_RATE_LIMIT = env("SUBMISSION_RATE_LIMIT", "10/h")
RATE_LIMIT_KEY_PREFIX = env("CACHE_KEY_PREFIX", "vetnet") + ":ratelimit"

# --- Search -------------------------------------------------------------------------
# Wagtail's own search (admin, fallback) stays on the database backend; the public
# cross-language search uses our Elasticsearch documents (search/) when
# ELASTICSEARCH_URL is set, and falls back to the database otherwise.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", "vetnet")
ELASTICSEARCH_TIMEOUT = float(env("ELASTICSEARCH_TIMEOUT", "2"))
# After a failure the database answers for a while before Elasticsearch is tried
# again: first for this long, doubling with each failure in a row up to
# ELASTICSEARCH_BREAKER_SECONDS (search/services/client.py).
ELASTICSEARCH_BREAKER_FIRST_SECONDS = 2.0
ELASTICSEARCH_BREAKER_SECONDS = 30.0
# The servers' application modules (vetnet/asgi.py, vetnet/wsgi.py) build the
# search's per-process tables as they load (search/warming.py: ~3.4 s of CPU,
# ~50 MB). A process that serves no searches (the Daphne nodes that only carry
# WebSockets, behind a proxy sending pages elsewhere) sets this false; a search
# reaching it anyway builds them then.
SEARCH_WARM_AT_LOAD = env_bool("SEARCH_WARM_AT_LOAD", True)
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}

# --- Background tasks -----------------------------------------------------------------
# Tasks are rows in the database; `manage.py db_worker` runs them (`make run` starts
# one beside the server; production runs it as its own service, see README).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Seconds between the attempts of a task that failed because a server (SMTP,
# Elasticsearch) was unreachable (vetnet/tasks.py): about a day in all.
TASK_RETRY_DELAYS = [10, 30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600]

# --- Auth -------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Members sign in through allauth (/accounts/); the Wagtail admin keeps its own login.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[VET NET] "
ACCOUNT_FORMS = {"signup": "community.forms.SignupForm"}
ACCOUNT_ADAPTER = "community.adapter.AccountAdapter"
# Spam protection: a honeypot field bots fill in (allauth then pretends success and
# creates nothing), and a sign-up rate limit per client address.
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "homepage"
ACCOUNT_RATE_LIMITS = {"signup": env("ACCOUNT_SIGNUP_RATE_LIMIT", "5/h/ip")}

# --- Languages ------------------------------------------------------------------------
# LANGUAGES, CONTENT_LANGUAGE_CHOICES, TIME_ZONE, formats: languages.py (imported above).

LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and media ---------------------------------------------------------------------
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- E-mail ------------------------------------------------------------------------------------
# Every message is queued as a task (vetnet/mail.py); the worker delivers it through
# EMAIL_DELIVERY_BACKEND, the backend the environment's EMAIL_BACKEND names.
EMAIL_BACKEND = "vetnet.mail.TaskEmailBackend"
EMAIL_DELIVERY_BACKEND = env(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "VET NET Community <noreply@vetnet.local>"
)
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Wagtail, documents and images, upload limits: cms.py; logging: logs.py --------------
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
