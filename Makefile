# Two commands matter: `make synth` (set up everything, render the default topology) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION := 20
export CDK8S_CHECK_UPGRADE := false
# Keep compiled bytecode (the git-ignored __pycache__/) even where the environment turns it off: otherwise every test
# worker, job run and CLI call compiles the product again, and pytest rewrites every test module again (about 10 s of
# `make test` on the 2-core machine).
export PYTHONDONTWRITEBYTECODE :=
export PYTHONPATH := $(CURDIR)

.PHONY: setup synth cdk8s-synth validate check check-rendered diff rehearse apply-kcp lint images test pytest imports vendor-operator bench clean

$(VENV)/.installed: requirements.txt requirements-dev.txt constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed node_modules/.installed

synth: setup
	$(PY) main.py

cdk8s-synth: setup
	node_modules/.bin/cdk8s synth

validate: setup
	$(PY) -m kcpgitops.schemas.cli dist argocd

DIR ?=
check: setup
	$(PY) -m kcpgitops check $(DIR)

check-rendered: setup
	$(PY) -m kcpgitops check-rendered

BASE ?= origin/main
diff: setup
	$(PY) -m kcpgitops diff --base $(BASE)

# The rollout rehearsal: every scenario on the default topology (the committed tree, or DIR), on the five-cluster
# fixture and on the three single-cluster pattern presets (each rendered into a scratch copy), in one pool of workers.
# Reports: build/rehearsal.md and build/rehearsal-<five-clusters|kcp-dekker|kcp-vespucci|kcp-comer>.md.
# Test workers: the project machines have 2 cores.
PYTEST_WORKERS ?= 2
FIVE_CLUSTERS := tests/generator/fixtures/five-clusters.yaml
# The single-cluster patterns (README "Choosing a pattern"); every scenario that applies to one cluster runs on each.
PATTERNS := examples/kcp-dekker/topology.yaml examples/kcp-vespucci/topology.yaml examples/kcp-comer/topology.yaml
rehearse: setup
	mkdir -p build
	$(PY) -m kcpgitops rehearse $(or $(DIR),.) --also $(FIVE_CLUSTERS) $(foreach p,$(PATTERNS),--also $(p)) --output build/rehearsal.md > /dev/null

# Without Argo CD: apply dist/kcp in order through the front-proxy (KUBECONFIG = the kcp admin kubeconfig).
# make apply-kcp [DRY_RUN=1] [KCP_SERVER=https://host:port]
apply-kcp:
	scripts/apply_kcp.sh $(if $(DRY_RUN),--dry-run) $(if $(KCP_SERVER),--server $(KCP_SERVER))

lint: setup
	$(PY) -m ruff check .
	$(VENV)/bin/hadolint Dockerfile.bridge Dockerfile.workspace-clusters
	$(VENV)/bin/actionlint $(filter-out $(NODE20_WORKFLOWS),$(wildcard .github/workflows/*.yml))
	$(VENV)/bin/actionlint -ignore '$(NODE20_FINDING)' $(NODE20_WORKFLOWS)

# Workflows that still use actions on the node20 runtime, which GitHub removes on 2026-09-23: actionlint reports each
# such action, and the fix (their node24 releases, pinned by SHA) belongs to the workflow's owner. Until then that one
# finding is ignored in these files only; every other workflow is linted without ignores.
NODE20_WORKFLOWS := .github/workflows/rendered-diff.yml
NODE20_FINDING := runtime "node20" is deprecated

# The two job images, tagged as the topology (KCP_TOPOLOGY, default topology.yaml) names them, built with docker,
# podman or buildah (the first on PATH). make images [DRY_RUN=1] (the script reads DRY_RUN from the environment).
images: $(VENV)/.installed
	$(PY) scripts/build_images.py

# The four quick single-threaded gates run side by side (2 cores), then the rehearsal (its own 2 workers), then pytest.
test: setup
	@$(MAKE) --no-print-directory -j4 --output-sync=target lint check-rendered validate check
	@$(MAKE) --no-print-directory rehearse
	mkdir -p build && $(PY) -m kcpgitops diff --base HEAD --output build/rendered-diff.md
	@$(MAKE) --no-print-directory pytest

# The pytest suite alone (the last phase of `make test`); PYTEST_ARGS adds options, e.g. PYTEST_ARGS='-k bridge'.
PYTEST_ARGS ?=
pytest: setup
	$(PY) -m pytest -q -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Re-render the vendored kcp-operator config with the pinned kustomize (after refreshing vendor/kcp-operator-*/config).
vendor-operator: setup
	scripts/vendor_operator.sh

# Typed cdk8s classes of the vendored CRDs, for your own constructs: generated into the git-ignored imports/.
imports: setup
	scripts/import_crds.sh

bench: setup
	$(PY) bench/bench_render.py
	$(PY) bench/bench_check_diff.py
	$(PY) bench/bench_bridge.py
	$(PY) bench/bench_rehearsal.py
	$(PY) bench/bench_make_test.py

clean:
	rm -rf $(VENV) node_modules build .pytest_cache
