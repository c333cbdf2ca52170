"""WSGI entry point: `gunicorn app:app` or `waitress-serve app:app`."""

from lskg.web import create_app

app = create_app()
