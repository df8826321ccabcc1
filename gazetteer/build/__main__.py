from gazetteer.build.make_index import main

main()
