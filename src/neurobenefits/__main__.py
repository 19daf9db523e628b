from neurobenefits.cli import main

main()
