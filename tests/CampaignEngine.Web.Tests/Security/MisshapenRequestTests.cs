using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CampaignEngine.Web.Tests.Infrastructure;
using CampaignEngine.Web.Tests.Projects;

namespace CampaignEngine.Web.Tests.Security;

/// <summary>
/// A body or query value the API cannot read, or a query parameter it does not take, says, for the person writing the client, which field is wrong and what it must hold, or
/// where the JSON breaks, counted from 1: never the serializer's wording, which names the product's .NET types, and never
/// the framework's "the request field is required" beside the real error. Nothing is written.
/// </summary>
public sealed class MisshapenRequestTests : IDisposable
{
    private readonly TestHost _host = new(TestHost.Sqlite);

    [Theory]
    [InlineData("""{"moduleId":"naryn","name":5}""", "name", "must be text")]
    [InlineData("""{"moduleId":"naryn","name":"Суу","channels":["email",3]}""", "channels[1]", "must be text")]
    [InlineData("""{"moduleId":"naryn","name":"Суу","projectIds":["one"]}""", "projectIds[0]", "must be a whole number")]
    [InlineData("""{"moduleId":"naryn","name":"Суу","window":"09:00-18:00"}""", "window", "must be an object")]
    [InlineData("""{"moduleId":"naryn","name":"Суу","window":{"from":9,"to":"18:00"}}""", "window.from", "must be text")]
    [InlineData("""{"moduleId":"naryn","name":"Суу","quietDates":"2031-03-21"}""", "quietDates", "must be a list")]
    [InlineData("""{"moduleId":"naryn","name":"Суу","":1}""", "\"\"", "is not a field of this request")]
    [InlineData("""[{"moduleId":"naryn"}]""", "body", "must be an object")]
    [InlineData("""{"moduleId":"naryn",""", "body", "is not valid JSON at line 1, byte 20: Expected start of a property name or value, but instead reached end of data.")]
    [InlineData("{\n  \"moduleId\": \"naryn\"\n  \"name\": \"Суу\"\n}", "body", "is not valid JSON at line 3, byte 3: '\"' is invalid after a value. Expected either ',', '}', or ']'.")]
    [InlineData("", "body", "is empty: send a JSON object")]
    public async Task A_staff_api_body_of_the_wrong_shape_names_the_field_and_what_it_must_hold(string body, string field, string message)
    {
        var response = await Post(_host.AdminClient(), "/api/campaigns", body);

        await AssertOnlyError(response, field, message);
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM campaign"));
    }

    [Theory]
    [InlineData("""{"kind":"money","amount":"a hundred","currency":"USD"}""", "amount", "must be a number")]
    [InlineData("""{"kind":"money","amount":100,"currency":840}""", "currency", "must be text")]
    [InlineData("null", "body", "must be a JSON object")]
    public async Task A_json_pledge_of_the_wrong_shape_names_the_field_and_no_pledge_is_saved(string body, string field, string message)
    {
        var person = TestCompatriots.Insert(_host, new("Айпери Жумабаева", "female", "KG-N", "DE"));
        var (_, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", person);

        var response = await Post(_host.CreateClient(), $"/r/{tokens[person]}/pledge", body);

        await AssertOnlyError(response, field, message);
        Assert.Equal(0, TestCompatriots.Scalar(_host, "SELECT COUNT(*) FROM pledge"));
    }

    [Theory]
    [InlineData("/api/organizations", "POST")]
    [InlineData("/api/users", "POST")]
    [InlineData("/api/account/password", "POST")]
    [InlineData("/api/modules/naryn/templates/appeal/ky", "PUT")]
    public async Task A_body_of_null_is_the_bodys_error_whatever_the_action_calls_its_body(string url, string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("null", Encoding.UTF8, "application/json") };

        await AssertOnlyError(await _host.AdminClient().SendAsync(request), "body", "must be a JSON object");
    }

    [Fact]
    public async Task A_json_question_whose_text_is_not_text_names_the_field()
    {
        var person = TestCompatriots.Insert(_host, new("Айпери Жумабаева", "female", "KG-N", "DE"));
        var (_, tokens) = ProjectTestKit.DeliveredCampaign(_host, "naryn", person);

        var response = await Post(_host.CreateClient(), $"/r/{tokens[person]}/ask", """{"text":["Суу качан?"]}""");

        await AssertOnlyError(response, "text", "must be text");
    }

    [Theory]
    [InlineData("/api/reports/pledges?from=yesterday", "from", "must be a date such as 2026-12-07, or a date and time such as 2026-12-07T09:30:00Z")]
    [InlineData("/api/reports/pledges?campaignId=seven", "campaignId", "must be a whole number")]
    public async Task A_query_value_of_the_wrong_kind_names_the_parameter_and_what_it_must_hold(string url, string field, string message)
    {
        await AssertOnlyError(await _host.AdminClient().GetAsync(url), field, message);
    }

    [Fact]
    public async Task A_query_parameter_the_call_does_not_take_is_refused_by_name_and_the_ones_it_takes_still_filter()
    {
        var admin = _host.AdminClient();
        TestCompatriots.Insert(_host, new("Айпери Жумабаева", "female", "KG-N", "DE"));
        TestCompatriots.Insert(_host, new("Бакыт Асанов", "male", "KG-Y", "RU"));

        // A misspelt filter would otherwise answer everyone.
        await AssertOnlyError(await admin.GetAsync("/api/compatriots?countri=RU"), "countri",
            "is not a parameter of this call; it takes country, gender, language, page, pageSize, region, search");
        await AssertOnlyError(await admin.GetAsync("/api/campaigns?status=draft"), "status", "is not a parameter of this call, which takes none");

        var filtered = JsonNode.Parse(await admin.GetStringAsync("/api/compatriots?Country=RU"))!;
        Assert.Equal(1, (int)filtered["total"]!);
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, string url, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        return await client.PostAsync(url, content);
    }

    private static async Task AssertOnlyError(HttpResponseMessage response, string field, string message)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        var (key, messages) = Assert.Single(errors);
        Assert.Equal(field, key);
        Assert.Equal(message, (string)Assert.Single(messages!.AsArray())!);
        Assert.DoesNotContain("CampaignEngine.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        GC.SuppressFinalize(this);
    }
}
