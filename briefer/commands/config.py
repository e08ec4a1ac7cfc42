"""`briefer config init [--force]` and `briefer config path`: the config file from the command line."""

from __future__ import annotations

import argparse

from briefer import config
from briefer.commands.common import AddParser, CommandError
from briefer.files import atomic_write


def register(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    parser = add_parser(help="write or locate the config file")
    actions = parser.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init", parents=[common], help="write a commented config file restating every default"
    )
    init.add_argument("--force", action="store_true", help="overwrite an existing config file")
    init.set_defaults(func=run_init)
    path = actions.add_parser("path", parents=[common], help="print the config file's path")
    path.set_defaults(func=run_path)


def run_init(args: argparse.Namespace) -> int:
    path = config.config_path(args.config)
    if path.is_dir():
        raise CommandError(f"{path} is a folder; give a file name with --config FILE")
    if path.exists() and not args.force:
        raise CommandError(f"{path} already exists; add --force to replace it with the defaults")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, config.default_config_text().encode("utf-8"))
    except OSError as exc:
        raise CommandError(f"{path}: cannot write the config file ({exc.strerror or exc})") from None
    print(path)
    return 0


def run_path(args: argparse.Namespace) -> int:
    print(config.config_path(args.config))
    return 0
