"""The rollout rehearsal: every cluster's Argo CD, the controllers and the bridge, replayed offline in simulated time.

`python -m kcpgitops rehearse [DIR]` (see `cli.py`) runs scenarios against a rendered tree.
"""
