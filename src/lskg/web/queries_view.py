"""(being written)"""

from flask import Blueprint

bp = Blueprint("queries_view", __name__)
