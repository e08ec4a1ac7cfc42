"""Every subcommand's argparse glue, one module per command family: parse, call the core, print."""
