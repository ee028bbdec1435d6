#!/usr/bin/env python3
"""Concurrency probe: two owners fire affiliation changes for the same JIDs at once (pipelined, no
waiting), an observer in the room records the notifications; then compare with the room's lists."""
import asyncio, sys, random, time
sys.path.insert(0, '/work/shared/tools/scansion')
import run_scs as R
import xml.etree.ElementTree as ET

ROOM = 'afn-stress@conference.localhost'
MUCU = '{http://jabber.org/protocol/muc#user}'
ADMIN = 'http://jabber.org/protocol/muc#admin'
TARGETS = ['t%d@localhost' % i for i in range(6)]
AFFS = ['member', 'none', 'outcast', 'admin', 'owner']

async def connect(user, res):
    log = R.Log(False, False)
    c = R.XMPPConnection(user, log)
    await c.connect('127.0.0.1', 5222, user + '@localhost', 'password', res, 5.0)
    return c

def send(c, xml):
    c.send(R.parse_fragment(xml)[0])

async def drain(c, secs):
    out = []
    end = time.monotonic() + secs
    while True:
        el = await c.next_stanza(max(0.0, end - time.monotonic()))
        if el is None or isinstance(el, R.StreamClosed):
            return out
        out.append(el)

async def main(n=60, seed=1):
    random.seed(seed)
    romeo = await connect('user', 'stress-r')
    juliet = await connect('user2', 'stress-j')
    obs = await connect('user3', 'stress-o')
    send(romeo, f"<presence to='{ROOM}/Romeo'><x xmlns='http://jabber.org/protocol/muc'/></presence>")
    await asyncio.sleep(0.3)
    send(romeo, f"<iq id='cfg' type='set' to='{ROOM}'><query xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field></x></query></iq>")
    await asyncio.sleep(0.3)
    send(romeo, f"<iq id='own' type='set' to='{ROOM}'><query xmlns='{ADMIN}'><item affiliation='owner' jid='user2@localhost'/></query></iq>")
    await asyncio.sleep(0.3)
    send(obs, f"<presence to='{ROOM}/Obs'><x xmlns='http://jabber.org/protocol/muc'/></presence>")
    await asyncio.sleep(0.5)
    await drain(romeo, 0.2); await drain(obs, 0.2); await drain(juliet, 0.1)
    # fire
    sent = {'r': [], 'j': []}
    for i in range(n):
        for who, c in (('r', romeo), ('j', juliet)):
            k = random.randint(1, 3)
            items = ''.join(f"<item affiliation='{random.choice(AFFS)}' jid='{random.choice(TARGETS)}'/>" for _ in range(k))
            iid = f'{who}{i}'
            sent[who].append(iid)
            send(c, f"<iq id='{iid}' type='set' to='{ROOM}'><query xmlns='{ADMIN}'>{items}</query></iq>")
    await asyncio.gather(romeo.writer.drain(), juliet.writer.drain())
    got_r = await drain(romeo, 3.0)
    got_o = await drain(obs, 0.5)
    await drain(juliet, 0.1)
    # Romeo: every notification before ... check result ids all present
    res_ids = [e.get('id') for e in got_r if e.tag.endswith('iq')]
    errs = [e.get('id') for e in got_r if e.tag.endswith('iq') and e.get('type') == 'error']
    def notes(lst):
        out = []
        for e in lst:
            if e.tag.endswith('message') and e.get('type') is None:
                it = e.find(MUCU + 'x/' + MUCU + 'item')
                out.append((it.get('jid'), it.get('affiliation')))
        return out
    nr, no = notes(got_r), notes(got_o)
    print('romeo results', len(res_ids), 'of', len(sent['r']), 'errors', len(errs))
    print('notifications romeo', len(nr), 'observer', len(no), 'same sequence:', nr == no)
    # chain check per JID and final state
    last = {}
    dup = 0
    for jid, aff in no:
        if last.get(jid, 'none') == aff:
            dup += 1
        last[jid] = aff
    # query lists
    lists = {}
    for aff in ('owner', 'admin', 'member', 'outcast'):
        send(romeo, f"<iq id='q{aff}' type='get' to='{ROOM}'><query xmlns='{ADMIN}'><item affiliation='{aff}'/></query></iq>")
    got = await drain(romeo, 1.5)
    for e in got:
        if e.tag.endswith('iq') and e.get('id', '').startswith('q'):
            for it in e.iter('{%s}item' % ADMIN):
                lists[it.get('jid')] = it.get('affiliation')
    mism = [(j, last.get(j, 'none'), lists.get(j, 'none')) for j in TARGETS if last.get(j, 'none') != lists.get(j, 'none')]
    print('repeated (no-op) announcements:', dup)
    print('final-state mismatches (jid, last announced, actual):', mism)
    for c in (romeo, juliet, obs):
        await c.close(1.0)
    return 0 if (not mism and dup == 0 and nr == no) else 1

if __name__ == '__main__':
    sys.exit(asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 60, int(sys.argv[2]) if len(sys.argv) > 2 else 1)))
