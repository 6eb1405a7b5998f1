"""Editors' doors: issue forms, scaffolding, pull-request review and live preview."""
