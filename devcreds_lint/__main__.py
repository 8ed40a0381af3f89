from devcreds_lint.launch import main

main()
