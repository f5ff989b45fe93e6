import FlowModel
import FlowPolicy

/// One self-contained HTML file for a DPO: summary, findings with articles, remediation, path and
/// waived state, filterable in the page, and the data-flow diagram. No external fetches.
public enum HTMLReporter {
    /// Graphviz lays out a few hundred nodes in seconds, but a regional or national map (tens of
    /// thousands) would keep it busy for hours: past this many nodes the page has no diagram.
    public static let maxDiagramNodes = 300

    public struct Diagram: Sendable {
        /// Inline SVG, when Graphviz was available.
        public var svg: String?
        /// The DOT source, shown when there is no SVG.
        public var source: String
        /// Set, to the model's node count, when the model is too large to draw.
        public var omittedNodes: Int?

        public init(svg: String?, source: String) {
            self.svg = svg
            self.source = source
        }

        /// No diagram: the model has `nodes` nodes, more than `maxDiagramNodes`.
        public static func omitted(nodes: Int) -> Diagram {
            var diagram = Diagram(svg: nil, source: "")
            diagram.omittedNodes = nodes
            return diagram
        }
    }

    public static func render(_ report: AuditReport, diagram: Diagram) -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <title>flowaudit report — \(escape(report.asOf.description))</title>
        <style>\(css)</style>
        </head>
        <body>
        <header>
        <h1>flowaudit report</h1>
        <p class="meta">As of \(escape(report.asOf.description)) · \(report.rules.count) rules · flowaudit \(escape(report.version))</p>
        </header>
        <section id="summary" aria-label="Summary">

        """
        for severity in Severity.allCases {
            html += "<div class=\"card sev-\(severity.rawValue)\"><span class=\"count\" data-count=\"\(severity.rawValue)\">\(report.count(severity))</span><span class=\"label\">\(severity.rawValue)</span></div>\n"
        }
        html += "<div class=\"card accepted\"><span class=\"count\" data-count=\"waived\">\(report.waivedCount)</span><span class=\"label\">waived</span></div>\n"
        if report.baselinedCount > 0 {
            html += "<div class=\"card accepted\"><span class=\"count\" data-count=\"baselined\">\(report.baselinedCount)</span><span class=\"label\">baselined</span></div>\n"
        }
        html += "</section>\n" + fixes(FixPlan(report)) + diagramSection(diagram)
        html += """
        <section id="filters" aria-label="Filters">
        <label>Lowest severity
        <select id="min-severity">
        <option value="info">info</option><option value="low">low</option><option value="medium">medium</option>
        <option value="high">high</option><option value="critical">critical</option>
        </select></label>
        <label><input type="checkbox" id="show-accepted" checked> show waived and baselined</label>
        <label>Search <input type="search" id="search" placeholder="rule, subject, text"></label>
        <span id="shown"></span>
        </section>
        <section id="findings" aria-label="Findings">
        <h2>Findings</h2>

        """
        if report.findings.isEmpty { html += "<p class=\"empty\">No findings.</p>\n" }
        for finding in report.findings { html += article(finding) }
        html += "</section>\n"
        html += "<script>\(script)</script>\n</body>\n</html>\n"
        return html
    }

    /// The changes that clear the findings, most severe first: what a DPO acts on first.
    static func fixes(_ plan: FixPlan) -> String {
        guard !plan.groups.isEmpty else { return "" }
        var html = "<section id=\"fixes\" aria-label=\"What to change\">\n<h2>What to change: \(escape(plan.headline))</h2>\n<ol>\n"
        for group in plan.groups {
            html += "<li class=\"fix sev-\(group.worst.rawValue)\"><strong>\(escape(group.label))</strong> <span class=\"clears\">clears \(escape(group.clears))</span>"
            html += "<br>\(inlineMarkdown(group.changes.joined(separator: "; ")))</li>\n"
        }
        return html + "</ol>\n</section>\n"
    }

    static func diagramSection(_ diagram: Diagram) -> String {
        var html = "<section id=\"diagram\" aria-label=\"Data-flow diagram\">\n<h2>Data-flow diagram</h2>\n"
        if let nodes = diagram.omittedNodes {
            html += "<p class=\"note\">This model has \(nodes) nodes; the page draws diagrams of up to \(maxDiagramNodes). <code>flowaudit graph --format dot</code> writes the whole diagram for a layout tool, and <code>flowaudit vendor</code> and <code>flowaudit impact</code> show one organization's part of it.</p>\n"
        } else if let svg = diagram.svg {
            html += "<div class=\"svg\">\(svg)</div>\n"
        } else {
            html += "<p class=\"note\">Install Graphviz (<code>dot</code>) to see the diagram here; its source follows.</p>\n<pre class=\"dot\">\(escape(diagram.source))</pre>\n"
        }
        html += "<p class=\"legend\">\(escape(DiagramRenderer.legend))</p>\n</section>\n"
        return html
    }

    /// Escaped text with `code` spans, as rule texts write field names.
    static func inlineMarkdown(_ text: String) -> String {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().map { position, part in
            position % 2 == 1 ? "<code>\(escape(String(part)))</code>" : escape(String(part))
        }.joined()
    }

    static func article(_ finding: Finding) -> String {
        let accepted = finding.acceptance.map { $0.kind.rawValue } ?? ""
        var html = "<article class=\"finding sev-\(finding.severity.rawValue)\" data-severity=\"\(finding.severity.rawValue)\" data-rank=\"\(finding.severity.rank)\" data-accepted=\"\(accepted)\" data-rule=\"\(escape(finding.rule))\">\n"
        html += "<h3><span class=\"badge\">\(finding.severity.rawValue)</span> \(escape(finding.title))"
        if !accepted.isEmpty { html += " <span class=\"accepted-badge\">\(accepted)</span>" }
        html += "</h3>\n<p class=\"message\">\(escape(finding.message))</p>\n<dl>\n"
        html += "<dt>Rule</dt><dd><code>\(escape(finding.rule))</code></dd>\n"
        // The name only where it says more than the key (a flow's name is its id).
        let name = finding.subject.name == finding.subject.key ? "" : escape(finding.subject.name) + " "
        html += "<dt>Subject</dt><dd>\(name)<code>\(escape(finding.subject.key))</code> (\(escape(finding.subject.kind)))</dd>\n"
        html += "<dt>Where</dt><dd><code>\(escape(finding.span.description))</code></dd>\n"
        if !finding.articles.isEmpty { html += "<dt>Articles</dt><dd>\(escape(finding.articles.joined(separator: ", ")))</dd>\n" }
        if finding.path.count > 1 { html += "<dt>Path</dt><dd class=\"path\">\(finding.path.map { "<code>\(escape($0))</code>" }.joined(separator: " → "))</dd>\n" }
        html += "<dt>Remediation</dt><dd>\(inlineMarkdown(finding.remediation))</dd>\n"
        if let acceptance = finding.acceptance {
            var text = acceptance.reason
            if let approver = acceptance.approvedBy { text += " — approved by \(approver)" }
            if let expires = acceptance.expires { text += ", until \(expires)" }
            html += "<dt>\(acceptance.kind == .waiver ? "Waived" : "Baselined")</dt><dd>\(escape(text))</dd>\n"
        }
        html += "<dt>Fingerprint</dt><dd><code>\(escape(finding.fingerprint))</code></dd>\n</dl>\n</article>\n"
        return html
    }

    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) else { return text }
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    static let css = """
    body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1c1c1c}
    h1{margin-bottom:.2rem}.meta{color:#555;margin-top:0}
    #summary{display:flex;gap:.6rem;flex-wrap:wrap;margin:1rem 0}
    .card{border-radius:8px;padding:.6rem 1rem;min-width:6rem;background:#f3f3f3;display:flex;flex-direction:column;align-items:center}
    .card .count{font-size:1.8rem;font-weight:700}.card .label{text-transform:uppercase;font-size:.75rem;letter-spacing:.05em}
    .sev-critical .badge,.card.sev-critical{background:#b00020;color:#fff}.sev-high .badge,.card.sev-high{background:#e65100;color:#fff}
    .sev-medium .badge,.card.sev-medium{background:#f9a825}.sev-low .badge,.card.sev-low{background:#1565c0;color:#fff}
    .sev-info .badge,.card.sev-info{background:#607d8b;color:#fff}
    #filters{display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap;padding:.6rem;background:#fafafa;border:1px solid #e0e0e0;border-radius:6px}
    .finding{border:1px solid #ddd;border-left:6px solid #999;border-radius:6px;padding:.4rem 1rem;margin:.8rem 0}
    .finding.sev-critical{border-left-color:#b00020}.finding.sev-high{border-left-color:#e65100}.finding.sev-medium{border-left-color:#f9a825}
    .finding.sev-low{border-left-color:#1565c0}.finding[data-accepted="waived"],.finding[data-accepted="baselined"]{opacity:.65}
    .finding h3{font-size:1rem;margin:.4rem 0}.badge,.accepted-badge{font-size:.7rem;text-transform:uppercase;padding:.1rem .4rem;border-radius:4px}
    .accepted-badge{background:#ddd}.finding dl{display:grid;grid-template-columns:8rem 1fr;gap:.2rem .8rem;font-size:.9rem}
    .finding dt{color:#555}.finding dd{margin:0}.message{margin:.2rem 0 .6rem}
    .svg svg{max-width:100%;height:auto}.dot{background:#f6f6f6;padding:.6rem;overflow:auto;font-size:.8rem}.legend,.note{color:#555;font-size:.85rem}
    #fixes ol{padding-left:1.6rem}#fixes li{margin:.35rem 0}.clears{color:#555;font-size:.85rem}
    .fix.sev-critical::marker{color:#b00020;font-weight:700}.fix.sev-high::marker{color:#e65100;font-weight:700}
    [hidden]{display:none!important}
    """

    /// Filters by lowest severity, accepted state and text; `#min=high` in the URL sets the first.
    static let script = """
    (function(){
    var rank={info:0,low:1,medium:2,high:3,critical:4};
    var select=document.getElementById('min-severity'),accepted=document.getElementById('show-accepted'),search=document.getElementById('search');
    var match=/min=(critical|high|medium|low|info)/.exec(location.hash);if(match){select.value=match[1];}
    function apply(){var min=rank[select.value],query=search.value.toLowerCase(),shown=0;
    document.querySelectorAll('.finding').forEach(function(el){
    var visible=Number(el.dataset.rank)>=min&&(accepted.checked||!el.dataset.accepted)&&(!query||el.textContent.toLowerCase().indexOf(query)>=0);
    el.hidden=!visible;if(visible){shown++;}});
    document.getElementById('shown').textContent=shown+' shown';}
    select.addEventListener('change',apply);accepted.addEventListener('change',apply);search.addEventListener('input',apply);apply();
    })();
    """
}
