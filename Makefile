# Roadie's commands. `make run` opens the app, `make test` runs every check; both install what
# they need first (scripts/setup.sh).

SHELL := /bin/bash
export CARGO_TARGET_DIR ?= $(HOME)/.cache/roadie-target
export SQLX_OFFLINE := true
CORE := crates/roadie-core

.PHONY: run test bench setup ui lint bindings sqlx-check sqlx-prepare deb deb-test schema-fixtures

run: setup ui
	cargo run --release -p roadie-app

test: setup ui lint sqlx-check
	$(MAKE) e2e
	# Under Xvfb: the app's tests of WebKit's settings need a display (GTK reads its fonts).
	xvfb-run -a cargo test --workspace --lib --bins --tests
	tests/ical-validate.sh
	tests/ical-injection.sh
	tests/caldav.sh
	fuzz/run.sh
	tests/budget-export.sh
	cd ui && npm test
	$(MAKE) deb-test

# Storage against rusqlite, calendar export, schedule import, then the app against a bare Tauri
# window (bench/README.md);
# BENCH_ARGS go to bench/app-bench.mjs, e.g. BENCH_ARGS='--reps 9'.
bench: setup ui
	cargo bench -p roadie-core --bench storage
	bench/ical/run.sh
	bench/import/run.sh
	bench/budget/run.sh
	bench/backup/run.sh
	bench/run.sh $(BENCH_ARGS)

setup:
	@scripts/setup.sh

# The real app window driven through WebDriver (tauri-driver + WebKitWebDriver) under Xvfb.
.PHONY: e2e
e2e: setup ui
	tests/e2e/run.sh

ui:
	cd ui && npm run build

# The Debian package, built by the Tauri bundler (which builds the UI first, beforeBuildCommand):
# $(CARGO_TARGET_DIR)/release/bundle/deb/Roadie_<version>_amd64.deb
deb: setup
	ui/node_modules/.bin/tauri build --bundles deb --ci

# Installs that package with dpkg, starts it from its desktop entry under Xvfb, removes it.
deb-test: deb
	tests/deb.sh

lint:
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	cd ui && npm run typecheck && npm run lint

# Regenerate ui/src/bindings/ from the Rust commands and types after changing them; commit the
# result. (`make test` fails while the committed bindings are stale.)
bindings:
	UPDATE_BINDINGS=1 cargo test -q -p roadie-app --lib the_committed_bindings_are_fresh

# After adding a migration: record its SHA-256 and make its fixture database (never changing those
# of an existing one); commit the result. See crates/roadie-core/tests/fixtures/schema/README.md.
schema-fixtures:
	UPDATE_SCHEMA_FIXTURES=1 cargo test -q -p roadie-core --test core -- schema_fixtures:: --test-threads=1

# The committed .sqlx query metadata must match the queries and migrations.
sqlx-check:
	@db=$$(mktemp -d)/check.db; export DATABASE_URL=sqlite:$$db; \
	  sqlx database create && sqlx migrate run --source $(CORE)/migrations >/dev/null && \
	  (cd $(CORE) && SQLX_OFFLINE=false cargo sqlx prepare --check)

# Refresh .sqlx after changing a query or adding a migration; commit the result.
sqlx-prepare:
	@db=$$(mktemp -d)/prepare.db; export DATABASE_URL=sqlite:$$db; \
	  sqlx database create && sqlx migrate run --source $(CORE)/migrations >/dev/null && \
	  (cd $(CORE) && SQLX_OFFLINE=false cargo sqlx prepare)
