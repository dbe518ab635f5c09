using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace CampaignEngine.Web.Tests.Ui;

/// <summary>
/// The text a reader of a page sees: text nodes of the body only (attribute values, URLs and e-mail addresses are not read), without
/// scripts, styles, code, preformatted samples and editable text, without what is marked as written in another
/// language (the language switch says "English" in English on purpose), and without what is marked
/// <c>translate="no"</c> (a login is someone's name, even when it reads "officer").
/// </summary>
internal static partial class VisibleText
{
    // The head is metadata; a staff page's title repeats its heading, which is read in the body.
    private static readonly HashSet<string> Hidden = new(StringComparer.OrdinalIgnoreCase) { "head", "script", "style", "code", "pre", "textarea", "template" };

    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    };

    public static string Of(string html, string pageLanguage)
    {
        var text = new StringBuilder();
        var open = new List<(string Tag, bool Skips)>();
        foreach (Match token in Token().Matches(html))
        {
            if (token.Groups["comment"].Success) continue;
            if (token.Groups["tag"].Success)
            {
                var tag = token.Groups["tag"].Value;
                if (token.Groups["close"].Success)
                {
                    var at = open.FindLastIndex(o => string.Equals(o.Tag, tag, StringComparison.OrdinalIgnoreCase));
                    if (at >= 0) open.RemoveRange(at, open.Count - at);
                }
                else if (!Void.Contains(tag) && !token.Groups["attrs"].Value.EndsWith('/'))
                {
                    var language = Lang().Match(token.Groups["attrs"].Value);
                    var foreign = language.Success && !language.Groups[1].Value.StartsWith(pageLanguage, StringComparison.OrdinalIgnoreCase);
                    open.Add((tag, Hidden.Contains(tag) || foreign || NotTranslated().IsMatch(token.Groups["attrs"].Value)));
                }
                text.Append(' ');
                continue;
            }
            if (open.Any(o => o.Skips)) continue;
            text.Append(WebUtility.HtmlDecode(token.Value));
        }
        return Address().Replace(text.ToString(), " ");
    }

    [GeneratedRegex(@"(?<comment><!--.*?-->)|<(?<close>/)?(?<tag>[a-zA-Z][a-zA-Z0-9-]*)(?<attrs>[^>]*)>|[^<]+|<", RegexOptions.Singleline)]
    private static partial Regex Token();

    [GeneratedRegex(@"\blang\s*=\s*""([^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Lang();

    [GeneratedRegex(@"\btranslate\s*=\s*""no""", RegexOptions.IgnoreCase)]
    private static partial Regex NotTranslated();

    [GeneratedRegex(@"[a-zA-Z][a-zA-Z0-9+.-]*://\S+|\S+@\S+\.\S+")]
    private static partial Regex Address();
}
