package dev.vigil.agent.profiler;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A self-contained HTML flame graph (no external script or style): the collapsed stacks are embedded as data and laid
 * out by a small script. Click a frame to zoom into it, the top bar to zoom out; the search box highlights matches.
 */
final class FlameGraphHtml {
  private FlameGraphHtml() {}

  static byte[] render(String title, Map<String, Long> stacks) {
    StringBuilder data = new StringBuilder(stacks.size() * 80).append('[');
    stacks.forEach((stack, count) -> {
      if (data.length() > 1) {
        data.append(",\n");
      }
      data.append('[').append(js(stack)).append(',').append(count).append(']');
    });
    data.append(']');
    String html = PAGE.replace("%TITLE%", escapeHtml(title)).replace("%DATA%", data);
    return html.getBytes(StandardCharsets.UTF_8);
  }

  /** A JavaScript string literal that cannot end the script element. */
  private static String js(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  // The zoomed frame is "focus": a global "let top" is a SyntaxError in browsers (window.top cannot be redeclared).
  private static final String PAGE = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%TITLE%</title>\n"
      + "<style>body{font:12px sans-serif;margin:8px}#g{position:relative}"
      + ".f{position:absolute;height:15px;overflow:hidden;white-space:nowrap;border-radius:2px;cursor:pointer;"
      + "box-sizing:border-box;border:1px solid #fff;padding-left:2px;line-height:13px}"
      + ".f.m{background:#e0f!important}#info{height:16px;color:#444}</style></head><body>\n"
      + "<h3>%TITLE%</h3><input id=\"q\" placeholder=\"search (regex)\"> <span id=\"info\"></span><div id=\"g\"></div>\n"
      + "<script>\nconst DATA=%DATA%;\n"
      + "function node(n){return {n:n,v:0,c:new Map()}}\n"
      + "const root=node('all');for(const [s,v] of DATA){let x=root;x.v+=v;for(const f of s.split(';')){"
      + "let y=x.c.get(f);if(!y){y=node(f);y.p=x;x.c.set(f,y)}y.v+=v;x=y}}\n"
      + "let focus=root;const g=document.getElementById('g'),info=document.getElementById('info'),"
      + "q=document.getElementById('q');\n"
      + "function color(n){let h=0;for(let i=0;i<n.length;i++)h=(h*31+n.charCodeAt(i))|0;"
      + "return 'hsl('+(10+Math.abs(h)%50)+',80%,'+(60+Math.abs(h>>8)%20)+'%)'}\n"
      + "function draw(){g.innerHTML='';let depth=0;const re=q.value?new RegExp(q.value):null;let hit=0;\n"
      + " const chain=[];for(let a=focus.p;a;a=a.p)chain.unshift(a);\n"
      + " const rows=[];chain.forEach(a=>rows.push([a,0,1]));\n"
      + " (function walk(n,x,d){const w=n.v/focus.v;if(w<0.001)return;rows.push([n,x,w,d]);let cx=x;"
      + "for(const c of [...n.c.values()].sort((a,b)=>a.n<b.n?-1:1)){walk(c,cx,d+1);cx+=c.v/focus.v}})(focus,0,chain.length);\n"
      + " rows.forEach((r,i)=>{const n=r[0],d=r[3]===undefined?i:r[3];depth=Math.max(depth,d);"
      + "const e=document.createElement('div');e.className='f';e.style.left=(r[1]*100)+'%';e.style.width=(r[2]*100)+'%';"
      + "e.style.top=(d*16)+'px';e.style.background=color(n.n);e.textContent=n.n;"
      + "e.title=n.n+' ('+n.v+' samples, '+(100*n.v/root.v).toFixed(2)+'%)';"
      + "if(re&&re.test(n.n)){e.classList.add('m');hit+=n.v}e.onclick=()=>{focus=n;draw()};g.appendChild(e)});\n"
      + " g.style.height=((depth+1)*16)+'px';info.textContent=root.v+' samples'+(re?', matched '+hit:'')}\n"
      + "q.oninput=draw;draw();\n</script></body></html>\n";
}
