using Scriban;
using Scriban.Runtime;
using Scriban.Parsing;
using Scriban.Syntax;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// Scriban's built-in functions (<c>date</c>, <c>string</c>, <c>regex</c>, …) as every render sees them: one object
/// for the whole process, built once because importing them costs more than rendering a short message. Shared, so it
/// is frozen all the way down: Scriban keeps settings such as <c>date.format</c> as plain members of these objects,
/// and a template that could write them would change every later render of every module, or add members until the
/// host runs out of memory.
/// </summary>
internal static class TemplateBuiltins
{
    /// <summary>
    /// The longest a regex function may run. Scriban's default is 10 s, and a regex does not look at the render's
    /// cancellation, so without this one call could outlive the 2 s render limit five times over.
    /// </summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(250);

    public static ScriptObject Shared { get; } = Create();

    /// <summary>
    /// Names a template may read but never assign: the built-ins and the model's objects. Assigning to the model's
    /// objects is refused too, because a campaign's objects are shared by its recipients like the built-ins.
    /// </summary>
    public static IReadOnlySet<string> ReadOnlyNames { get; } = new HashSet<string>(
        Shared.Keys.Concat(TemplateValues.Messages.Select(v => v.Object)).Append("plural"), StringComparer.Ordinal);

    private static ScriptObject Create()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        builtins.Import("money", new Func<decimal, string, string>(TemplateHelpers.Money));
        Freeze(builtins);
        return builtins;
    }

    private static void Freeze(ScriptObject scriptObject)
    {
        scriptObject.IsReadOnly = true;
        foreach (var member in scriptObject)
            if (member.Value is ScriptObject inner && !inner.IsReadOnly) Freeze(inner);
    }

    /// <summary>
    /// Where <paramref name="template"/> assigns to a read-only name (<c>date.format = …</c>, <c>string["x"] = …</c>,
    /// <c>with date</c>): found in the text, so that a branch the trial render does not take is refused as well.
    /// </summary>
    public static IEnumerable<(SourceSpan Span, string Message)> Assignments(Template template) =>
        template.Page is null ? [] : Walk(template.Page).SelectMany(Refusals);

    private static IEnumerable<ScriptNode> Walk(ScriptNode node)
    {
        yield return node;
        foreach (var child in node.Children)
            if (child is not null)
                foreach (var descendant in Walk(child)) yield return descendant;
    }

    private static IEnumerable<(SourceSpan, string)> Refusals(ScriptNode node)
    {
        var (target, verb) = node switch
        {
            ScriptAssignExpression assign => (assign.Target, "assign to"),
            ScriptWithStatement with => (with.Name, "open a with block on"),
            _ => (null, ""),
        };
        if (target is not null && RootName(target) is { } name && ReadOnlyNames.Contains(name))
            yield return (node.Span, $"may not {verb} `{name}`: built-in and message objects are read-only");
    }

    private static string? RootName(ScriptExpression? expression) => expression switch
    {
        ScriptMemberExpression member => RootName(member.Target),
        ScriptIndexerExpression indexer => RootName(indexer.Target),
        ScriptNestedExpression nested => RootName(nested.Expression),
        ScriptVariableGlobal global => global.Name,
        _ => null,
    };
}
