import sys, actorgraph
from actorgraph.extract import extract_text
from actorgraph.extract.reading import read_document
from actorgraph.extract.segment import sentences
from actorgraph.extract.mentions import Gazetteer
kg=actorgraph.load(); g=Gazetteer.from_graph(kg)
path=sys.argv[1]; date=sys.argv[2] if len(sys.argv)>2 else None
text=read_document(path).text
ex=extract_text(text,kg,date,gazetteer=g)
for s in sentences(text):
    ms=g.find(s.text)
    print('##', s.text[:160]); print('   mentions', [(m.actor,m.text,m.kind) for m in ms])
    for c in ex.candidates:
        if c.quote==s.text: print('   ->', c.subject, c.relation, c.object or c.parties, c.start, c.end, 'cb=',c.claimed_by, c.status, c.cue)
