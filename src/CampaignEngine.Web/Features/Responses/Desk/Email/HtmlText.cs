using System.Text;
using System.Text.RegularExpressions;
using MimeKit.Text;

namespace CampaignEngine.Web.Features.Responses.Desk.Email;

/// <summary>
/// The text of an HTML-only e-mail, for staff who read it as text: block elements become line breaks, scripts and
/// styles say nothing, and a <c>&lt;blockquote&gt;</c> (where mail programs put the message replied to) is left out.
/// </summary>
internal static partial class HtmlText
{
    private static readonly HashSet<HtmlTagId> Breaks =
    [
        HtmlTagId.Br, HtmlTagId.P, HtmlTagId.Div, HtmlTagId.LI, HtmlTagId.TR, HtmlTagId.H1, HtmlTagId.H2, HtmlTagId.H3,
        HtmlTagId.H4, HtmlTagId.H5, HtmlTagId.H6, HtmlTagId.Table, HtmlTagId.UL, HtmlTagId.OL, HtmlTagId.HR,
    ];

    private static readonly HashSet<HtmlTagId> Silent = [HtmlTagId.Script, HtmlTagId.Style, HtmlTagId.Head, HtmlTagId.Title, HtmlTagId.BlockQuote];

    public static string Of(string html)
    {
        var text = new StringBuilder();
        var silentDepth = 0;
        var tokenizer = new HtmlTokenizer(new StringReader(html));
        while (tokenizer.ReadNextToken(out var token))
        {
            switch (token)
            {
                case HtmlTagToken tag when Silent.Contains(tag.Id) && !tag.IsEmptyElement:
                    silentDepth = Math.Max(0, silentDepth + (tag.IsEndTag ? -1 : 1));
                    break;
                case HtmlTagToken tag when silentDepth == 0 && Breaks.Contains(tag.Id):
                    text.Append('\n');
                    break;
                case HtmlDataToken data when silentDepth == 0:
                    text.Append(data.Data);
                    break;
            }
        }
        var lines = text.ToString().Split('\n').Select(line => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        // A paragraph ends with a blank line, as in a plain-text mail; nested blocks add no more than one.
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
