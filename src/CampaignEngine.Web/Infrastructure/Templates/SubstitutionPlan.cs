using System.Runtime.CompilerServices;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// A template that only puts model values into fixed text (<c>Hello {{ recipient.first_name }}, …</c>, which is what
/// nearly every message template is) rendered as literal pieces and values joined together. Scriban's interpreter
/// spends more on such a template (a context, script objects, member lookups, a writer) than the text is worth,
/// and a national send renders a million of them. The plan is Scriban's own output: the template is rendered once
/// with a marker in place of each value and cut at the markers, then checked against a second Scriban render.
/// Anything else (a condition, a loop, a function, a pipe, an unknown name) has no plan and Scriban renders it.
/// </summary>
internal sealed class SubstitutionPlan
{
    // Private-use characters: a template's own text containing them gets no plan (the cut would be ambiguous).
    private const char MarkStart = '\uE000', MarkEnd = '\uE001';

    private readonly string[] _literals;   // one more than slots: the text before, between and after the values
    private readonly int[] _slots;          // which value each slot prints
    private readonly TemplateValue<MessageModel>[] _values;
    private readonly int _literalLength;

    private SubstitutionPlan(string[] literals, int[] slots, TemplateValue<MessageModel>[] values)
    {
        (_literals, _slots, _values) = (literals, slots, values);
        _literalLength = literals.Sum(l => l.Length);
    }

    private static readonly ConditionalWeakTable<Template, Box> Plans = new();

    /// <summary>The plan of <paramref name="template"/>, made on first use; null when Scriban must render it.</summary>
    public static SubstitutionPlan? Of(Template template) => Plans.GetValue(template, t => new Box(Make(t))).Plan;

    private sealed record Box(SubstitutionPlan? Plan);

    /// <summary>
    /// Renders for <paramref name="model"/>; false when this model needs Scriban after all (a value the model does not
    /// have, a number or a very long text, which Scriban formats or shortens its own way).
    /// </summary>
    public bool TryRender(MessageModel model, bool html, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        text = null;
        var values = new string[_values.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            if (!TemplateValues.Present(_values[i], model)) return false;
            switch (TemplateValues.Output(_values[i], model, html))
            {
                case null: values[i] = ""; break;
                case string s when s.Length < TemplateRenderer.MaxValueChars: values[i] = s; break;
                default: return false;
            }
        }
        var length = _literalLength;
        foreach (var slot in _slots) length += values[slot].Length;
        if (length > TemplateRenderer.MaxOutputChars) return false;
        text = Join(values, length);
        return true;
    }

    private string Join(string[] values, int length) => string.Create(length, (this, values), static (span, state) =>
    {
        var (plan, values) = state;
        var at = 0;
        for (var i = 0; i < plan._literals.Length; i++)
        {
            plan._literals[i].CopyTo(span[at..]);
            at += plan._literals[i].Length;
            if (i == plan._slots.Length) break;
            values[plan._slots[i]].CopyTo(span[at..]);
            at += values[plan._slots[i]].Length;
        }
    });

    private static SubstitutionPlan? Make(Template template)
    {
        if (template.HasErrors || template.Page is not { FrontMatter: null, Body: { } body }) return null;
        var values = new List<TemplateValue<MessageModel>>();
        foreach (var statement in body.Statements)
        {
            switch (statement)
            {
                case ScriptRawStatement or ScriptEscapeStatement:
                    continue;
                case ScriptExpressionStatement { Expression: ScriptMemberExpression { Target: ScriptVariableGlobal owner, Member: ScriptVariable member } }
                    when TemplateValues.Find($"{owner.Name}.{member.Name}") is { } value:
                    if (!values.Contains(value)) values.Add(value);
                    continue;
                default:
                    return null;
            }
        }
        if (values.Count > 26) return null;
        try
        {
            if (Cut(RenderWith(template, values, Mark)) is not { } cut || cut.Slots.Any(s => s >= values.Count)) return null;
            var (literals, slots) = cut;
            var plan = new SubstitutionPlan(literals, slots, values.ToArray());
            // The cut is trusted only when it reproduces Scriban with other values in the same places.
            var probes = Enumerable.Range(0, values.Count).Select(i => $"<{i}>&").ToArray();
            var joined = plan.Join(probes, literals.Sum(l => l.Length) + slots.Sum(s => probes[s].Length));
            return joined == RenderWith(template, values, i => probes[i]) ? plan : null;
        }
        catch (TemplateException)
        {
            return null;
        }
    }

    private static string Mark(int value) => $"{MarkStart}{(char)('a' + value)}{MarkEnd}";

    /// <summary>Scriban's output with each value set to <paramref name="valueOf"/>(its number).</summary>
    private static string RenderWith(Template template, List<TemplateValue<MessageModel>> values, Func<int, string> valueOf)
    {
        var globals = new ScriptObject();
        for (var i = 0; i < values.Count; i++) TemplateValues.Put(globals, values[i], valueOf(i));
        return TemplateRenderer.RenderWith(template, globals);
    }

    /// <summary>The literal pieces of a marked output and the value each marker stands for; null when a marker is broken.</summary>
    private static (string[] Literals, int[] Slots)? Cut(string output)
    {
        var (literals, slots) = (new List<string>(), new List<int>());
        var from = 0;
        for (var at = output.IndexOf(MarkStart); at >= 0; at = output.IndexOf(MarkStart, from))
        {
            if (at + 2 >= output.Length || output[at + 2] != MarkEnd || output[at + 1] - 'a' is < 0 or >= 26) return null;
            literals.Add(output[from..at]);
            slots.Add(output[at + 1] - 'a');
            from = at + 3;
        }
        literals.Add(output[from..]);
        return literals.Any(l => l.Contains(MarkEnd)) ? null : ([.. literals], [.. slots]);
    }
}
