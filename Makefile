# Two commands do everything on a fresh machine: `make run` and `make test`.
# `make setup` is the idempotent part they share; it is fast when nothing changed.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := var/stamps

export PYTHAINLP_OFFLINE := 1
export PYTHONUNBUFFERED := 1

.PHONY: setup run serve test bench lint db-stop clean system db migrate demo index cluster cluster-stop cluster-check cluster-failover

setup: system $(STAMP)/venv db migrate demo index

system:
	@scripts/install_system.sh

$(STAMP)/venv: pyproject.toml
	@mkdir -p $(STAMP)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

db:
	@scripts/db.sh start

migrate:
	@$(MANAGE) migrate --noinput -v 0
	@$(MANAGE) createcachetable -v 0

demo:
	@$(MANAGE) load_demo

index:
	@$(MANAGE) compilemessages --ignore '.venv/*' -v 0
	@$(MANAGE) collectstatic --noinput -v 0
	@$(MANAGE) rebuild_search_index --if-stale
	@$(MANAGE) build_open_data --if-stale

PORT ?= 8000
# `make run`: the demo site at production speed with a developer's comforts. gunicorn with threads
# (the browser's six connections are answered at once, each thread keeps its database connection and
# its prepared tile statements), --reload on Python changes; templates and static files (whitenoise,
# gzipped by the site's middleware) are read afresh in DEBUG.
# Each worker loads the search index and the Thai dictionary before its first visitor (gunicorn_conf).
GUNICORN := $(VENV)/bin/gunicorn -c python:culturalmap.gunicorn_conf
RUN_SERVER := DJANGO_SETTINGS_MODULE=culturalmap.settings.local $(GUNICORN) culturalmap.wsgi --bind 127.0.0.1:$(PORT) --worker-class gthread \
  --workers 2 --threads 8 --reload --no-control-socket \
  --access-logfile - --error-logfile -

run: setup
	$(RUN_SERVER)

PROD := DJANGO_SETTINGS_MODULE=culturalmap.settings.production DJANGO_SECURE_SSL=0

serve: setup  ## the production server (gunicorn), plain HTTP on loopback
	@test -s var/secret_key || $(PY) -c "import secrets; print(secrets.token_urlsafe(64))" > var/secret_key
	@# The production storage names static files by their hashes, from a manifest only its own
	@# collectstatic writes (the one of `index` serves runserver).
	@$(PROD) DJANGO_SECRET_KEY=$$(cat var/secret_key) $(MANAGE) collectstatic --noinput -v 0
	$(PROD) DJANGO_SECRET_KEY=$$(cat var/secret_key) $(GUNICORN) culturalmap.wsgi \
	  --bind 127.0.0.1:8000 --workers 4

test: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	@# A test database made afresh: one left by an interrupted run may hold a transactional test's rows.
	$(VENV)/bin/pytest -q --create-db

bench: setup
	@for f in scripts/bench/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

# Several "machines" on loopback (docs/scaling.md): a primary and a hot standby, pgbouncer, two app
# nodes and nginx (ports 55410-55419, CLUSTER_PORT_BASE to move them). Not part of `make test`.
$(STAMP)/cluster-tools: pyproject.toml $(STAMP)/venv
	$(PY) -m pip install -q -e '.[dev,cluster]'
	@touch $@

cluster: setup $(STAMP)/cluster-tools
	@scripts/cluster/cluster.sh start

cluster-stop:
	@scripts/cluster/cluster.sh stop

# The primary has failed (or is stopped here first): promote the standby, point pgbouncer at it.
# The next `make cluster` makes it the primary on its own port again, with a fresh standby.
cluster-failover:
	@scripts/cluster/cluster.sh failover

cluster-check: setup $(STAMP)/cluster-tools
	@$(PY) scripts/cluster/check.py

lint:
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

db-stop:
	@scripts/db.sh stop

clean:
	rm -rf $(VENV) var
