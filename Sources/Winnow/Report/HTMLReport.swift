/// The HTML report of a batch: one self-contained page (no external fonts, scripts or
/// styles) with a summary — documents, bytes in and out, what each category and rule
/// removed, as bars — and a list of documents to filter by rule and by removal share;
/// a document's before/after is drawn on demand from data embedded in the page.
///
/// Every document's part is a `Comparison` of its edit log (`Document.reportEntry()`),
/// computed where the document was cleaned; `HTMLReport` only collects and writes.
///
/// Safety: document text only ever reaches the page inside one JSON `<script>` block,
/// where `<`, `>`, `&` and U+2028/9 are written as `\uXXXX` escapes (so no `</script>`
/// can close it), and the page's script puts it into the page with `textContent` only.
/// Everything in the static summary is HTML-escaped.
public struct ReportEntry: Sendable {
    /// The document's data for the page, as JSON (already safe inside `<script>`).
    public var json: [UInt8]
    public var tally: Tally
}

extension Document {
    /// This document's part of the HTML report.
    public func reportEntry() -> ReportEntry {
        let c = Comparison(self)
        var tally = Tally()
        tally.add(self, comparison: c)
        var rows: [String] = []
        rows.reserveCapacity(c.rows.count)
        for row in c.rows {
            let line = row.originalLines.first ?? 0
            let rules = "[" + c.rules(of: row).map(encodeJSONString).joined(separator: ",") + "]"
            switch row.change {
            case .same:
                rows.append("[\"s\",\(line),\(encodeJSONString(row.originalText))]")
            case .dropped:
                rows.append("[\"d\",\(line),\(encodeJSONString(row.originalText)),\(rules)]")
            case .inserted:
                rows.append("[\"i\",\(row.cleanLine ?? 0),\(encodeJSONString(row.cleanText)),\(rules)]")
            case .changed:
                if let merged = interleaved(row.original, row.clean) {
                    rows.append("[\"c\",\(line),[\(merged.map(encodeJSONString).joined(separator: ","))],\(rules)]")
                } else {
                    rows.append("[\"C\",\(line),\(segmentsJSON(row.original)),\(segmentsJSON(row.clean)),\(rules)]")
                }
            }
        }
        var ruleCounts: [String] = []
        for (rule, counts) in tally.byRule.sorted(by: { $0.key < $1.key }) {
            ruleCounts.append("\(encodeJSONString(rule)):[\(counts.edits),\(counts.droppedLines)]")
        }
        var reasons: [String: String] = [:]
        for e in edits where reasons[e.rule] == nil { reasons[e.rule] = e.reason }
        let json = "{\"id\":\(encodeJSONString(id)),\"in\":\(original.count),\"out\":\(text.count)"
            + ",\"rules\":{\(ruleCounts.joined(separator: ","))}"
            + ",\"why\":{\(reasons.sorted { $0.key < $1.key }.map { "\(encodeJSONString($0.key)):\(encodeJSONString($0.value))" }.joined(separator: ","))}"
            + ",\"rows\":[\(rows.joined(separator: ","))]}"
        return ReportEntry(json: scriptSafe(Array(json.utf8)), tally: tally)
    }
}

/// `[plain, changed, plain, changed, …]`: segments as strings, changed ones at odd places.
private func segmentsJSON(_ segs: [Comparison.Segment]) -> String {
    var parts: [String] = []
    var wantChanged = false
    for seg in segs {
        if seg.changed != wantChanged { parts.append("\"\""); wantChanged.toggle() }
        parts.append(encodeJSONString(seg.text))
        wantChanged.toggle()
    }
    return "[" + parts.joined(separator: ",") + "]"
}

/// A changed row stored once: `[plain, was, now, plain, was, now, …, plain]` when both
/// sides share their unchanged runs (the usual case), so the report stays small.
private func interleaved(_ o: [Comparison.Segment], _ c: [Comparison.Segment]) -> [String]? {
    func runs(_ segs: [Comparison.Segment]) -> (plain: [String], changed: [String]) {
        var plain: [String] = [""], changed: [String] = []
        for seg in segs {
            if seg.changed {
                if changed.count < plain.count { changed.append("") }
                changed[changed.count - 1] += seg.text
            } else {
                if plain.count == changed.count { plain.append("") }
                plain[plain.count - 1] += seg.text
            }
        }
        if changed.count == plain.count { plain.append("") }
        return (plain, changed)
    }
    let a = runs(o), b = runs(c)
    guard a.plain == b.plain, a.changed.count == b.changed.count else { return nil }
    var out: [String] = []
    for k in 0..<a.changed.count { out += [a.plain[k], a.changed[k], b.changed[k]] }
    out.append(a.plain[a.changed.count])
    return out
}

/// JSON that can sit inside `<script>`: `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`.
/// They only occur inside JSON strings, where the escapes mean the same characters.
func scriptSafe(_ json: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(json.count + json.count / 16)
    var i = 0
    while i < json.count {
        let b = json[i]
        switch b {
        case UInt8(ascii: "<"): out += Array("\\u003c".utf8)
        case UInt8(ascii: ">"): out += Array("\\u003e".utf8)
        case UInt8(ascii: "&"): out += Array("\\u0026".utf8)
        case 0xE2 where i + 2 < json.count && json[i + 1] == 0x80 && (json[i + 2] == 0xA8 || json[i + 2] == 0xA9):
            out += Array((json[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
            i += 2
        default: out.append(b)
        }
        i += 1
    }
    return out
}

/// HTML-escapes text for the static parts of the page.
func htmlEscape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for ch in s.unicodeScalars {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.unicodeScalars.append(ch)
        }
    }
    return out
}

/// Collects report entries in order and writes the page.
public struct HTMLReport {
    public private(set) var tally = Tally()
    private var entries: [[UInt8]] = []
    public var failed = 0
    public var title = "Winnow report"

    public init() {}

    public mutating func add(_ entry: ReportEntry) {
        tally.merge(entry.tally)
        entries.append(entry.json)
    }

    /// Writes the page through `sink`, in pieces (the document data is not copied whole).
    public func write(to sink: ([UInt8]) -> Void) {
        func put(_ s: String) { sink(Array(s.utf8)) }
        put("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(htmlEscape(title))</title>
        <style>\(Self.css)</style>
        </head><body>
        <header><h1>\(htmlEscape(title))</h1></header>
        <main>

        """)
        put(summaryHTML())
        put("""
        <section id="documents"><h2>Documents</h2>
        <form id="filters" onsubmit="return false">
        <label>Rule <select id="f-rule"><option value="">any rule</option></select></label>
        <label>Removed at least <input id="f-share" type="number" min="0" max="100" step="5" value="0">%</label>
        <label>Name contains <input id="f-name" type="search" size="24"></label>
        <span id="shown" class="muted"></span>
        </form>
        <table id="doc-list" class="list"><thead><tr><th>document</th><th class="num">bytes in</th><th class="num">bytes out</th><th>removed</th><th>rules</th></tr></thead><tbody></tbody></table>
        <p><button id="more" type="button" hidden>Show more</button></p>
        </section>
        <section id="details"></section>
        <noscript><p>The document list and before/after views need JavaScript; the summary above does not.</p></noscript>
        </main>
        <script type="application/json" id="winnow-data">{"docs":[
        """)
        for (i, entry) in entries.enumerated() {
            if i > 0 { sink([UInt8(ascii: ","), 0x0A]) }
            sink(entry)
        }
        put("]}</script>\n<script>\(Self.script)</script>\n</body></html>\n")
    }

    /// The page as one string (tests, small batches).
    public func html() -> String {
        var bytes: [UInt8] = []
        write { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func summaryHTML() -> String {
        let t = tally
        let removed = t.bytesIn - t.bytesOut
        let share = t.bytesIn > 0 ? Double(removed) / Double(t.bytesIn) * 100 : 0
        var s = "<section id=\"summary\"><h2>Summary</h2>\n<dl class=\"totals\">"
        s += "<div><dt>documents</dt><dd id=\"n-docs\">\(t.documents)</dd></div>"
        if failed > 0 { s += "<div><dt>failed</dt><dd id=\"n-failed\">\(failed)</dd></div>" }
        s += "<div><dt>bytes in</dt><dd id=\"n-in\">\(t.bytesIn)</dd></div>"
        s += "<div><dt>bytes out</dt><dd id=\"n-out\">\(t.bytesOut)</dd></div>"
        s += "<div><dt>removed</dt><dd>\(String(format: "%.1f", share))%</dd></div>"
        let dropped = t.byRule.values.reduce(0) { $0 + $1.droppedLines }
        s += "<div><dt>lines dropped</dt><dd id=\"n-dropped\">\(dropped)</dd></div></dl>\n"
        s += chart("By category", t.byCategory, id: "by-category", ruleLinks: false)
        s += chart("By rule", t.byRule, id: "by-rule", ruleLinks: true)
        return s + "</section>\n"
    }

    /// A table with a CSS bar per row (bytes removed), edits and dropped lines.
    private func chart(_ title: String, _ counts: [String: Tally.Counts], id: String, ruleLinks: Bool) -> String {
        let rows = Tally.ranked(counts)
        let top = max(1, rows.map { max(0, $0.value.bytesRemoved) }.max() ?? 1)
        var s = "<h3>\(htmlEscape(title))</h3>\n<table class=\"chart\" id=\"\(id)\"><thead><tr><th>\(ruleLinks ? "rule" : "category")</th><th class=\"num\">edits</th><th class=\"num\">lines dropped</th><th class=\"num\">bytes removed</th><th class=\"bar\"></th></tr></thead><tbody>\n"
        for (key, c) in rows {
            let pct = Double(max(0, c.bytesRemoved)) / Double(top) * 100
            let name = ruleLinks ? "<a href=\"#rule=\(htmlEscape(key))\" data-rule=\"\(htmlEscape(key))\">\(htmlEscape(key))</a>" : htmlEscape(key)
            s += "<tr><td>\(name)</td><td class=\"num\">\(c.edits)</td><td class=\"num\">\(c.droppedLines)</td><td class=\"num\">\(c.bytesRemoved)</td>"
            s += "<td class=\"bar\"><span style=\"width:\(String(format: "%.1f", pct))%\"></span></td></tr>\n"
        }
        return s + "</tbody></table>\n"
    }

    static let css = """
    body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
    header{background:#24292f;color:#fff;padding:10px 20px}header h1{font-size:18px;margin:0}
    main{padding:10px 20px;max-width:1400px}h2{font-size:16px;margin:18px 0 6px}h3{font-size:14px;margin:12px 0 4px}
    .totals{display:flex;flex-wrap:wrap;gap:10px;margin:0}.totals div{background:#fff;border:1px solid #ddd;border-radius:6px;padding:6px 12px}
    .totals dt{font-size:11px;color:#666;text-transform:uppercase}.totals dd{margin:0;font-size:18px;font-weight:600}
    table{border-collapse:collapse;background:#fff}td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
    .num{text-align:right;font-variant-numeric:tabular-nums}.chart .bar{width:260px}
    .bar span{display:inline-block;height:10px;background:#d9534f;border-radius:2px;min-width:1px}
    .list tr{cursor:pointer}.list tbody tr:hover{background:#f0f6ff}.share{display:inline-block;width:60px;height:8px;background:#eee;margin-right:4px}
    .share span{display:block;height:8px;background:#d9534f}.muted{color:#777}
    form label{margin-right:14px}.doc{background:#fff;border:1px solid #ddd;border-radius:6px;margin:12px 0;padding:8px}
    .doc h3{margin:0 0 6px;word-break:break-all}.cmp{width:100%;table-layout:fixed}.cmp td{white-space:pre-wrap;word-wrap:break-word;width:50%}
    .ln{width:3em!important;color:#999;text-align:right;font-size:11px}
    del.drop{background:#fde2e1;color:#7a1b16;text-decoration:line-through;display:block}
    .tag{display:inline-block;font-size:11px;background:#7a1b16;color:#fff;border-radius:3px;padding:0 4px;margin-right:6px;text-decoration:none}
    .tag.ch{background:#6b5900}tr.changed td{background:#fffbe6}mark.was{background:#fbb;text-decoration:line-through}mark.now{background:#bfb}
    ins.new{background:#dfd;text-decoration:none;display:block}
    """

    static let script = """
    "use strict";
    (function(){
    var D=JSON.parse(document.getElementById("winnow-data").textContent);
    var docs=D.docs, PAGE=200, limit=PAGE;
    function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
    function share(d){return d.in>0?Math.max(0,(d.in-d.out)/d.in):0;}
    var ruleSet={};docs.forEach(function(d){for(var r in d.rules)ruleSet[r]=(ruleSet[r]||0)+1;});
    var sel=document.getElementById("f-rule");
    Object.keys(ruleSet).sort().forEach(function(r){var o=el("option",null,r+" ("+ruleSet[r]+")");o.value=r;sel.appendChild(o);});
    var fShare=document.getElementById("f-share"),fName=document.getElementById("f-name");
    function matches(){
      var rule=sel.value,min=(parseFloat(fShare.value)||0)/100,name=fName.value.toLowerCase();
      return docs.map(function(d,i){return i;}).filter(function(i){var d=docs[i];
        return (!rule||d.rules[rule])&&share(d)>=min-1e-9&&(!name||d.id.toLowerCase().indexOf(name)>=0);});
    }
    function list(){
      var m=matches(),tb=document.querySelector("#doc-list tbody");tb.textContent="";
      m.slice(0,limit).forEach(function(i){var d=docs[i],tr=el("tr");tr.dataset.doc=i;
        tr.appendChild(el("td",null,d.id));tr.appendChild(el("td","num",String(d.in)));tr.appendChild(el("td","num",String(d.out)));
        var td=el("td"),bar=el("span","share"),fill=el("span");fill.style.width=(share(d)*100).toFixed(1)+"%";bar.appendChild(fill);
        td.appendChild(bar);td.appendChild(document.createTextNode((share(d)*100).toFixed(1)+"%"));tr.appendChild(td);
        var rs=Object.keys(d.rules).filter(function(r){return d.rules[r][1]>0||r.indexOf("canonical.")!==0;});
        tr.appendChild(el("td","muted",rs.join(", ")));
        tr.addEventListener("click",function(){show(i,true);});tb.appendChild(tr);});
      document.getElementById("shown").textContent=Math.min(limit,m.length)+" of "+m.length+" matching documents shown ("+docs.length+" in all)";
      document.getElementById("shown").dataset.matching=m.length;
      document.getElementById("more").hidden=m.length<=limit;
      return m;
    }
    function segs(td,parts,cls){parts.forEach(function(p,k){if(!p)return;if(k%2)td.appendChild(el("mark",cls,p));else td.appendChild(document.createTextNode(p));});}
    function tags(td,rules,cls,d){rules.forEach(function(r){var t=el("span","tag"+(cls?" "+cls:""),r);t.title=d.why[r]||"";t.dataset.rule=r;td.appendChild(t);});}
    function detail(i){
      var d=docs[i],box=el("article","doc");box.id="doc-"+i;
      box.appendChild(el("h3",null,d.id));
      box.appendChild(el("p","muted",d.in+" bytes in, "+d.out+" out ("+(share(d)*100).toFixed(1)+"% removed)"));
      var t=el("table","cmp"),h=el("tr");h.appendChild(el("th","ln","line"));h.appendChild(el("th",null,"original"));h.appendChild(el("th",null,"clean"));t.appendChild(h);
      d.rows.forEach(function(r){var tr=el("tr",r[0]==="s"?"same":r[0]==="d"?"dropped":r[0]==="i"?"inserted":"changed"),ln=el("td","ln",r[1]?String(r[1]):""),a=el("td"),b=el("td");
        if(r[0]==="s"){a.textContent=r[2];b.textContent=r[2];}
        else if(r[0]==="d"){var x=el("del","drop");x.dataset.rule=r[3].join(" ");tags(x,r[3],"",d);x.appendChild(document.createTextNode(r[2]));a.appendChild(x);}
        else if(r[0]==="i"){var y=el("ins","new");tags(y,r[3],"ch",d);y.appendChild(document.createTextNode(r[2]));b.appendChild(y);}
        else if(r[0]==="c"){tags(a,r[3],"ch",d);var p=r[2];for(var k=0;k<p.length;k++){var m=k%3;
            if(m===0){a.appendChild(document.createTextNode(p[k]));b.appendChild(document.createTextNode(p[k]));}
            else if(m===1){if(p[k])a.appendChild(el("mark","was",p[k]));}else{if(p[k])b.appendChild(el("mark","now",p[k]));}}
          tr.dataset.rule=r[3].join(" ");}
        else {tags(a,r[4],"ch",d);segs(a,r[2],"was");segs(b,r[3],"now");tr.dataset.rule=r[4].join(" ");}
        tr.appendChild(ln);tr.appendChild(a);tr.appendChild(b);t.appendChild(tr);});
      box.appendChild(t);return box;
    }
    function show(i,scroll){var det=document.getElementById("details");det.textContent="";var b=detail(i);det.appendChild(b);if(scroll)b.scrollIntoView();}
    [sel,fShare,fName].forEach(function(c){c.addEventListener("input",function(){limit=PAGE;list();});});
    document.getElementById("more").addEventListener("click",function(){limit+=PAGE;list();});
    document.querySelectorAll("a[data-rule]").forEach(function(a){a.addEventListener("click",function(ev){ev.preventDefault();sel.value=a.dataset.rule;limit=PAGE;list();document.getElementById("documents").scrollIntoView();});});
    function route(){var h=decodeURIComponent(location.hash.slice(1));
      if(h.indexOf("rule=")===0){sel.value=h.slice(5);}
      var m=list();
      if(h==="all"){var det=document.getElementById("details");det.textContent="";m.forEach(function(i){det.appendChild(detail(i));});}
      else if(h.indexOf("doc=")===0){var n=parseInt(h.slice(4),10);if(n>=0&&n<docs.length)show(n,false);}}
    window.addEventListener("hashchange",route);route();
    })();
    """
}
