using CampaignEngine.Web.Infrastructure.Templates;
using CampaignEngine.Web.Tests.Infrastructure;
using Scriban;
using Scriban.Runtime;

namespace CampaignEngine.Web.Tests.Security;

/// <summary>
/// What one render may not do to the next: Scriban's built-in objects are shared by every render of the process,
/// so a template must not be able to change them, grow them, or hold a core with a regex.
/// Alone: the memory measured here is the process's.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class TemplateSandboxTests
{
    [Theory]
    [InlineData("{{ date.format = '%Y' }}")]
    [InlineData("{{ with date }}{{ format = '%Y' }}{{ end }}")]
    [InlineData("{{ object.eval 'date.format = \"%Y\"' }}")]
    [InlineData("{{ x = date }}{{ x.format = '%Y' }}")]
    public void A_template_cannot_change_a_builtin_for_the_renders_after_it(string hostile)
    {
        Assert.Throws<TemplateException>(() => Render(hostile));

        Assert.Equal("%d %b %Y", Render("{{ date.format }}"));
        Assert.Equal("01 Feb 2025", Render("{{ date.parse '2025-02-01' }}"));
    }

    [Fact]
    public void A_template_cannot_add_members_to_a_builtin()
    {
        Assert.Throws<TemplateException>(() => Render("{{ string.extra = 'x' }}"));
        Assert.Throws<TemplateException>(() => Render("{{ math['extra'] = 'x' }}"));
        Assert.Throws<TemplateException>(() => Render("{{ money.extra = 'x' }}"));

        Assert.Equal("false false", Render("{{ object.has_key string 'extra' }} {{ object.has_key math 'extra' }}"));
    }

    [Fact]
    public void A_hostile_template_rendered_a_thousand_times_leaves_memory_flat()
    {
        // Each render tries to keep 40 KB in the shared string functions under a new name: 40 MB if it could.
        var hostile = Template.Parse("""
            {{ if !(object.has_key string 'n'); string.n = 0; end
               string.n = string.n + 1
               string["kept" + string.n] = '' | string.pad_right 19999 }}
            """);
        Render(Template.Parse("{{ 'warm' | string.pad_right 10 }}"));
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < 1_000; i++)
        {
            try
            {
                TemplateRenderer.RenderWith(hostile, new ScriptObject());
            }
            catch (TemplateException)
            {
                // Refused: what matters is what stays behind.
            }
        }

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown < 8_000_000, $"memory grew by {grown:N0} bytes over 1,000 renders");
        Assert.Equal("false false", Render("{{ object.has_key string 'kept1' }} {{ object.has_key string 'n' }}"));
    }

    [Fact]
    public void A_catastrophic_regex_is_stopped_by_the_regex_limit_before_the_render_limit()
    {
        // (a+)+$ against a's and a "!" backtracks 2^40 times: hours without a timeout, 10 s with Scriban's default.
        // The regex's own limit (a quarter second) answers "timed out"; a longer one would have let the render's limit
        // (TemplateRenderer.Timeout, 2 s) stop it first, with its own message. No clock is read: that is the bench's.
        var error = Assert.Throws<TemplateException>(() => Render("{{ regex.match 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' '^(a+)+$' }}"));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.True(TemplateBuiltins.RegexTimeout < TemplateRenderer.Timeout);
    }

    [Fact]
    public void Regex_functions_still_work_within_the_limit() =>
        Assert.Equal("A-1 B-2", Render("{{ 'a1 b2' | regex.replace '([a-z])([0-9])' '$1-$2' | string.upcase }}"));

    private static string Render(string text) => Render(Template.Parse(text));

    private static string Render(Template template) => TemplateRenderer.RenderWith(template, new ScriptObject());
}
