"""(being written)"""

from flask import Blueprint

bp = Blueprint("sources_view", __name__)
