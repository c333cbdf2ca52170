"""WSGI entry point: `gunicorn app:app` or `waitress-serve app:app`.

The app follows `LSKG_BUILD_DIR/current` (default data/build): a rebuild is switched in without
a restart, each request answered wholly by one release.
"""

from lskg.web import logs
from lskg.web.reloading import serving_app

logs.configure()  # gunicorn's own logging does not reach lskg's loggers: a JSON line per request and query
app = serving_app()
