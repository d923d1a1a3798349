/* claimtrack serve: keyboard moves, the review form over the JSON API, the
 * reviewer remembered in the browser, the Suggest page's file loader.  Everything from the server is put in
 * the page as text (textContent), never as markup. */
(function () {
    'use strict';
    var meta = document.querySelector('meta[name="claimtrack-token"]');
    var token = meta ? meta.getAttribute('content') : '';
    var rows = Array.prototype.slice.call(document.querySelectorAll('tr.row'));
    var cur = -1;
    var form = document.getElementById('review-form');

    function select(i) {
        if (!rows.length) return;
        cur = Math.max(0, Math.min(rows.length - 1, i));
        rows.forEach(function (r, k) { r.classList.toggle('current', k === cur); });
        var a = rows[cur].querySelector('a');
        if (a) a.focus();
    }

    function setStatus(v) {
        var radio = form.querySelector('input[name="status"][value="' + v + '"]');
        if (radio) radio.checked = true;
        form.querySelector('textarea[name="note"]').focus();
    }

    document.addEventListener('keydown', function (e) {
        if (e.ctrlKey || e.metaKey || e.altKey) return;
        var t = e.target.tagName;
        if (t === 'INPUT' || t === 'TEXTAREA' || t === 'SELECT') return;
        if (e.key === 'j') { select(cur + 1); e.preventDefault(); }
        else if (e.key === 'k') { select(cur - 1); e.preventDefault(); }
        else if (form && (e.key === 'c' || e.key === 'd' || e.key === 'r')) {
            setStatus({c: 'confirmed', d: 'dismissed', r: 'resolved'}[e.key]);
            e.preventDefault();
        }
    });

    // the Suggest page: a text file chosen is read here into the article's
    // box (the form posts text only)
    var file = document.getElementById('article-file');
    if (file) {
        document.getElementById('article-file-label').hidden = false;
        file.addEventListener('change', function () {
            var f = file.files && file.files[0];
            if (!f) return;
            f.text().then(function (text) {
                document.querySelector('#suggest-form textarea[name="text"]').value = text;
            });
        });
    }
    // a draft marked reject is dimmed
    Array.prototype.forEach.call(document.querySelectorAll('fieldset.draft'), function (fs) {
        fs.addEventListener('change', function () {
            var d = fs.querySelector('input[type="radio"]:checked');
            fs.classList.toggle('rejected', !!d && d.value === 'reject');
            fs.classList.toggle('accepted', !!d && d.value === 'accept');
        });
    });

    if (!form) return;
    var by = form.querySelector('input[name="by"]');
    try {
        if (!by.value && window.localStorage) by.value = localStorage.getItem('claimtrack-reviewer') || '';
    } catch (err) { /* storage off: type it each time */ }

    Array.prototype.forEach.call(document.querySelectorAll('li.position'), function (li) {
        li.addEventListener('click', function (e) {
            var radio = li.querySelector('input[name="prefer"]');
            if (!radio) return;
            radio.checked = true;
            Array.prototype.forEach.call(document.querySelectorAll('li.position'), function (o) {
                o.classList.toggle('chosen', o === li);
            });
            if (e.target !== radio) setStatus('resolved');
        });
    });

    var out = document.getElementById('review-result');
    function line(parent, tag, text, cls) {
        var el = document.createElement(tag);
        el.textContent = text;
        if (cls) el.className = cls;
        parent.appendChild(el);
        return el;
    }
    function showError(status, body) {
        out.textContent = '';
        out.hidden = false;
        out.className = 'notice error';
        if (status === 409) {
            out.id = 'review-result';
            out.setAttribute('data-status', '409');
            line(out, 'strong', 'Someone else reviewed this conflict in between; your review was not saved.');
            line(out, 'p', body.error || '');
            var r = body.review;
            if (r) {
                line(out, 'p', 'Their review: ' + r.status + ' by ' + r.reviewer + ' on ' + r.date, 'their');
                line(out, 'blockquote', r.note || '');
            }
            var a = line(out, 'a', 'Reload the conflict to review it again');
            a.href = location.pathname;
        } else {
            out.setAttribute('data-status', String(status));
            line(out, 'strong', 'Not saved: ' + (body.error || ('HTTP ' + status)));
        }
    }

    form.addEventListener('submit', function (e) {
        e.preventDefault();
        var data = new FormData(form);
        var prefer = data.get('prefer');
        var body = {
            id: data.get('id'), status: data.get('status'), note: data.get('note'),
            by: data.get('by'), digest: data.get('digest'),
            replaces: data.get('replaces') || null,
            prefer: data.get('status') === 'resolved' && prefer ? prefer.split(',') : []
        };
        try { if (window.localStorage) localStorage.setItem('claimtrack-reviewer', body.by || ''); } catch (err) { }
        fetch('/api/reviews', {
            method: 'POST',
            headers: {'Content-Type': 'application/json', 'X-Claimtrack-Token': token},
            body: JSON.stringify(body)
        }).then(function (r) {
            return r.json().then(function (j) { return {status: r.status, body: j}; });
        }).then(function (res) {
            if (res.status === 200) location.reload();
            else showError(res.status, res.body);
        }, function () { showError(0, {error: 'the server did not answer'}); });
    });
})();
