import pickle
from culturalmap.search import documents, analysis

def test_dump(demo_catalogue, db):
    docs = list(documents.all_documents())
    names = list(documents.catalogue_names())
    pickle.dump((docs, names), open("/tmp/demo_docs.pkl", "wb"))
