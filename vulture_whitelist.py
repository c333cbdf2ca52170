"""Names vulture (dead code, run by scripts/test) cannot see used: each is called or read by a
framework, a template or another process. Reviewed one by one; add a name only with its reason.
Lines are what `vulture --make-whitelist` writes (`_.name` an attribute or method)."""

# Flask's `g`, set here and read by name through g.get("...")
_.lskg_started  # src/lskg/web/logs.py
_.lskg_queries  # src/lskg/web/logs.py
_.lskg_rows  # src/lskg/web/logs.py
_.sparql_query  # src/lskg/web/sparql.py

# read only by Jinja templates (src/lskg/web/templates)
_.tr  # Reader.tr, every page's two languages (src/lskg/web/page_helpers.py)
_.source_link  # Reader.source_link (src/lskg/web/page_helpers.py)
_.hidden  # LinkGroup.hidden, entity_links.html (src/lskg/web/entities.py)
figures_truncated  # Description.figures_truncated, entity_figures.html (src/lskg/web/description.py)
role_is_text  # Row.role_is_text, entity_macros.html (src/lskg/web/entity_sections.py)
y_upper  # Point.y_upper, queries_chart.html (src/lskg/web/charts.py)
x_start  # Point.x_start, queries_chart.html (src/lskg/web/charts.py)
x_ticks  # SeriesChart.x_ticks, queries_chart.html (src/lskg/web/charts.py)
y_ticks  # SeriesChart.y_ticks, queries_chart.html (src/lskg/web/charts.py)
height  # SeriesChart.height, queries_chart.html (src/lskg/web/charts.py)
right  # SeriesChart.right, queries_chart.html (src/lskg/web/charts.py)
bottom  # SeriesChart.bottom, queries_chart.html (src/lskg/web/charts.py)

# waitress reads these on its classes (src/lskg/web/server.py)
_.execute  # ErrorTask.execute, overridden
_.content_length  # ErrorTask.content_length
error_task_class  # HTTPChannel.error_task_class
channel_class  # TcpWSGIServer.channel_class
_.will_close  # HTTPChannel.will_close

# the standard library reads these
_.converter  # logging.Formatter.converter: UTC times (src/lskg/web/logs.py)
handle_startendtag  # HTMLParser (tests/security/test_web_safety.py)
_.handle_endtag  # HTMLParser (tests/web/test_queries_view.py)
_.handle_data  # HTMLParser (tests/web/test_queries_view.py)

# run in another process, by a program given as text
zygote_main  # the isolated store's zygote: python -c "... zygote_main(...)" (src/lskg/store/isolated.py)
OWN_GRAPHS  # the race test's child program (tests/security/test_guard.py _RACE)
QUERIES  # the race test's child program
SERVICES  # the race test's child program
parse_actions_never_called  # the race test's child program

# fpdf2 calls these hooks on its FPDF subclasses
_.footer  # the test PDF's running footer (tests/unit/ingest/test_add.py)
