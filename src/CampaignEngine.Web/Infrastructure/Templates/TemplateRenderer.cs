using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Scriban;
using Scriban.Runtime;

namespace CampaignEngine.Web.Infrastructure.Templates;

/// <summary>
/// Renders Scriban templates in a sandbox: only the model's values and a few helpers are visible,
/// loops and recursion are bounded, and a render that runs too long is cancelled.
/// </summary>
public sealed class TemplateRenderer
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>The most one part may produce: a long e-mail is some ten thousand characters, a certificate page a few times that.</summary>
    public const int MaxOutputChars = 200_000;

    // Scriban's built-in functions, imported once: a new TemplateContext imports all of them again (about 20 µs,
    // three times per message). Read-only, so that renders on several threads can share it.
    private static readonly ScriptObject Builtins = CreateBuiltins();

    private static ScriptObject CreateBuiltins()
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject();
        builtins.Import("money", new Func<decimal, string, string>(TemplateHelpers.Money));
        builtins.IsReadOnly = true;
        return builtins;
    }

    public string Render(Template template, MessageModel model, bool html) => RenderWith(template, Globals(model, html));

    /// <summary>
    /// What a template sees for <paramref name="model"/>. Build it once per message and output kind (plain or HTML)
    /// and render every part with it: building script objects cost more than rendering a short part.
    /// </summary>
    public ScriptObject Globals(MessageModel model, bool html)
    {
        var globals = new ScriptObject(8);
        // In HTML outputs every value from the model is escaped, so a name like "<script>" stays text.
        Func<string?, string?> encode = html ? WebUtility.HtmlEncode : s => s;
        globals["recipient"] = Object(
            ("name", encode(model.Recipient.Name)),
            ("first_name", encode(model.Recipient.FirstName)),
            ("language", model.Recipient.Language),
            ("country", model.Recipient.Country),
            ("country_name", encode(model.Recipient.CountryName)),
            ("city", encode(model.Recipient.City)));
        var shared = Shared(model.Campaign, model.Module, model.Recipient.Language, html);
        globals["campaign"] = shared.Campaign;
        globals["module"] = shared.Module;
        globals["plural"] = shared.Plural;
        globals["links"] = Object(("pledge", encode(model.Links.Pledge)), ("unsubscribe", encode(model.Links.Unsubscribe)));
        if (model.Certificate is { } certificate)
        {
            var language = model.Recipient.Language;
            globals["certificate"] = Object(
                ("serial", encode(certificate.Serial)),
                ("kind", certificate.Kind),
                ("kind_title", encode(certificate.KindTitle.In(language))),
                ("issuer", encode(certificate.Issuer.In(language))),
                ("link", encode(certificate.Link)),
                ("verify_url", encode(certificate.VerifyUrl)),
                ("expires_on", certificate.ExpiresOn.ToString(language == "en" ? "d MMMM yyyy" : "dd.MM.yyyy", CultureInfo.InvariantCulture)));
        }
        return globals;
    }

    /// <summary>The campaign and module objects and the plural function: the same for every recipient of a campaign in one language.</summary>
    private sealed record SharedValues(ScriptObject Campaign, ScriptObject Module, object Plural);

    // Read-only, so renders on several threads can share them and no template can change what the next one sees.
    // Bounded: a host sends a handful of campaigns at a time, so the cache is simply emptied when it grows.
    private readonly ConcurrentDictionary<(CampaignModel, ModuleModel, string, bool), SharedValues> _shared = new();

    private SharedValues Shared(CampaignModel campaign, ModuleModel module, string language, bool html)
    {
        var key = (campaign, module, language, html);
        if (_shared.TryGetValue(key, out var values)) return values;
        if (_shared.Count > 1_000) _shared.Clear();
        Func<string?, string?> encode = html ? WebUtility.HtmlEncode : s => s;
        values = new SharedValues(
            ReadOnly(Object(("id", campaign.Id), ("name", encode(campaign.Name)))),
            ReadOnly(Object(
                ("id", module.Id),
                ("name", encode(module.Name)),
                ("issuer", encode(module.Issuer)),
                ("region_name", encode(module.RegionName)))),
            TemplateHelpers.PluralFunction(language));
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
            throw new TemplateException($"{template.SourceFilePath}: {ex.Message} and was stopped");
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex) when (ex.InnerException is OutputTooLargeException tooLarge)
        {
            throw new TemplateException($"{template.SourceFilePath}: line {ex.Span.Start.Line + 1}, column {ex.Span.Start.Column + 1}: {tooLarge.Message} and was stopped");
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex)
        {
            throw new TemplateException($"{template.SourceFilePath}: line {ex.Span.Start.Line + 1}, column {ex.Span.Start.Column + 1}: {ex.OriginalMessage}");
        }
        catch (OperationCanceledException)
        {
            throw new TemplateException($"{template.SourceFilePath}: rendering took longer than {Timeout.TotalSeconds:0} s and was stopped");
        }
    }

    private static TemplateContext NewContext() => new(Builtins)
    {
        LoopLimit = 1_000,
        RecursiveLimit = 20,
        LimitToString = 20_000,
        StrictVariables = false,
        // Members of .NET objects are not reachable: the model is made of plain script objects only.
        EnableRelaxedMemberAccess = false,
    };

    private static ScriptObject Object(params (string Name, object? Value)[] members)
    {
        var result = new ScriptObject(members.Length);
        foreach (var (name, value) in members) result[name] = value;
        return result;
    }
}

public static class TemplateHelpers
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
