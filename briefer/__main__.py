from briefer.cli import main

# Guarded: the analysis process pool (spawn) imports the main module again.
if __name__ == "__main__":
    raise SystemExit(main())
