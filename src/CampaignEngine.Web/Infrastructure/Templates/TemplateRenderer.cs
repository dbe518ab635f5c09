using System.Collections.Concurrent;
using System.Globalization;
using Scriban;
using Scriban.Runtime;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// Renders Scriban templates in a sandbox: only the model's values and a few helpers are visible,
/// loops and recursion are bounded, and a render that runs too long is cancelled.
/// </summary>
internal sealed class TemplateRenderer
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>The most one part may produce: a long e-mail is some ten thousand characters, a certificate page a few times that.</summary>
    public const int MaxOutputChars = 200_000;

    /// <summary>The longest value Scriban prints whole; a longer one is cut short with "...".</summary>
    public const int MaxValueChars = 20_000;

    public string Render(Template template, MessageModel model, bool html)
    {
        ScriptObject? globals = null;
        return Render(template, model, html, ref globals);
    }

    /// <summary>
    /// Renders from the template's substitution plan when it has one, else with Scriban and <paramref name="globals"/>,
    /// built on first need: a message's other parts of the same output kind reuse them.
    /// </summary>
    public string Render(Template template, MessageModel model, bool html, ref ScriptObject? globals) =>
        SubstitutionPlan.Of(template) is { } plan && plan.TryRender(model, html, out var text)
            ? text
            : RenderWith(template, globals ??= Globals(model, html));

    /// <summary>
    /// What a template sees for <paramref name="model"/>. Build it once per message and output kind (plain or HTML)
    /// and render every part with it: building script objects cost more than rendering a short part.
    /// </summary>
    public ScriptObject Globals(MessageModel model, bool html)
    {
        var globals = TemplateValues.Globals(TemplateValues.Messages.Where(v => !v.PerCampaign && TemplateValues.Present(v, model)), model, html);
        foreach (var (name, shared) in Shared(model, html)) globals[name] = shared;
        return globals;
    }

    // The campaign, cause and module objects and the plural function are the same for every recipient of a campaign in one
    // language. Read-only, so renders on several threads can share them and no template can change what the next one
    // sees. Bounded: a host sends a handful of campaigns at a time, so the cache is simply emptied when it grows.
    private readonly ConcurrentDictionary<(CampaignModel, CauseModel?, ModuleModel, string, bool), KeyValuePair<string, object>[]> _shared = new();

    private KeyValuePair<string, object>[] Shared(MessageModel model, bool html)
    {
        var key = (model.Campaign, model.Cause, model.Module, model.Recipient.Language, html);
        if (_shared.TryGetValue(key, out var values)) return values;
        if (_shared.Count > 1_000) _shared.Clear();
        var objects = TemplateValues.Globals(TemplateValues.Messages.Where(v => v.PerCampaign), model, html);
        values = [.. objects.Select(o => KeyValuePair.Create(o.Key, (object)ReadOnly((ScriptObject)o.Value!))),
            KeyValuePair.Create("plural", TemplateHelpers.PluralFunction(model.Recipient.Language))];
        return _shared[key] = values;
    }

    private static ScriptObject ReadOnly(ScriptObject value)
    {
        value.IsReadOnly = true;
        return value;
    }

    // A TemplateContext costs more to build than a short message costs to render, so each thread keeps one and
    // reuses it: the render's globals and output are pushed before and popped after. A render
    // that fails leaves the context in an unknown state, so it is dropped and the next render builds a new one.
    [ThreadStatic] private static TemplateContext? _idleContext;

    public static string RenderWith(Template template, ScriptObject globals)
    {
        // A render rarely gets a cancel meant for the render before it on this thread (the watchdog's race);
        // such a render is simply run again with a fresh token.
        for (var attempt = 0; ; attempt++)
        {
            var watch = RenderWatchdog.Begin();
            try
            {
                return RenderWith(template, globals, watch.Token);
            }
            catch (TemplateException) when (watch.Token.IsCancellationRequested && !watch.StoppedForGood && attempt == 0)
            {
            }
            finally
            {
                RenderWatchdog.End(watch);
            }
        }
    }

    private static string RenderWith(Template template, ScriptObject globals, CancellationToken stop)
    {
        var context = _idleContext ?? NewContext();
        _idleContext = null;
        context.CancellationToken = stop;
        context.PushGlobal(globals);
        using var output = new LimitedWriter(MaxOutputChars);
        context.PushOutput(new TextWriterOutput(output));
        try
        {
            template.Render(context);
            // The output pushed here is popped again, so the context goes back to the thread as it was found.
            context.PopOutput();
            context.PopGlobal();
            context.CancellationToken = CancellationToken.None;
            _idleContext = context;
            return output.ToString();
        }
        catch (OutputTooLargeException ex)
        {
            throw new TemplateException(new TemplateError(template.SourceFilePath, null, null, $"{ex.Message} and was stopped"));
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex) when (ex.InnerException is OutputTooLargeException tooLarge)
        {
            throw new TemplateException(TemplateError.At(template.SourceFilePath, ex.Span, $"{tooLarge.Message} and was stopped"));
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex)
        {
            throw new TemplateException(TemplateError.At(template.SourceFilePath, ex.Span, ex.OriginalMessage));
        }
        catch (OperationCanceledException)
        {
            throw new TemplateException(new TemplateError(template.SourceFilePath, null, null, $"rendering took longer than {Timeout.TotalSeconds:0} s and was stopped"));
        }
    }

    private static TemplateContext NewContext() => new(TemplateBuiltins.Shared)
    {
        RegexTimeOut = TemplateBuiltins.RegexTimeout,
        LoopLimit = 1_000,
        RecursiveLimit = 20,
        LimitToString = MaxValueChars,
        StrictVariables = false,
        // Members of .NET objects are not reachable: the model is made of plain script objects only.
        EnableRelaxedMemberAccess = false,
    };
}

internal static class TemplateHelpers
{
    // Importing a delegate makes Scriban reflect over it; the plural function of each language is made once.
    private static readonly ConcurrentDictionary<string, object> PluralFunctions = new();

    public static object PluralFunction(string language) =>
        PluralFunctions.GetOrAdd(language, l =>
        {
            var holder = new ScriptObject();
            holder.Import("plural", new Func<long, string, string, string, string>((n, one, few, many) => Plural(l, n, one, few, many)));
            return holder["plural"]!;
        });

    public static string Money(decimal amount, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{amount:#,0.##} {currency}").Replace(',', '\u00A0');

    /// <summary>Russian plural rules (one/few/many); Kyrgyz and English nouns after numbers need only one/many.</summary>
    public static string Plural(string language, long n, string one, string few, string many)
    {
        if (language != "ru") return n == 1 ? one : many;
        var mod10 = n % 10;
        var mod100 = n % 100;
        if (mod10 == 1 && mod100 != 11) return one;
        if (mod10 is >= 2 and <= 4 && mod100 is < 12 or > 14) return few;
        return many;
    }
}
