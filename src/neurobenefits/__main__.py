from neurobenefits.entry import main

main()
