"""`briefer locate [data|config|cache|notes|export]`: print where briefer keeps things."""

from __future__ import annotations

import argparse

from briefer import config
from briefer.commands.common import AddParser


def register(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(parents=[common], help="print the data, config, cache, notes and export paths")
    parser.add_argument("what", nargs="?", choices=("data", "config", "cache", "notes", "export"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = {
        "data": config.data_dir(),
        "config": config.config_path(args.config),
        "cache": config.cache_dir(),
        "notes": config.notes_path(args.notes, _settings(args)),
        "export": config.export_dir(_settings(args)),
    }
    if args.what:
        print(paths[args.what])
    else:
        for name, path in paths.items():
            print(f"{name:7}{path}")
    return 0


def _settings(args: argparse.Namespace) -> config.Config | None:
    """The config file's settings, or None when it cannot be read (locate must still answer)."""
    try:
        return config.load_config(config.config_path(args.config))
    except config.ConfigError:
        return None
