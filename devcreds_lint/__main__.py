from devcreds_lint.cli import main

main()
