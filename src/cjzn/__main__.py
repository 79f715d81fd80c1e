from cjzn.cli import main

main()
