using CampaignEngine.Web.Features.MyPage;
using CampaignEngine.Web.Infrastructure.Localization;

namespace CampaignEngine.Web.Features.Responses.Questions;

/// <summary>The "my questions" section of the person's page: their threads as the questions page shows them, and a form to ask.</summary>
/// <param name="JustAsked">The person comes back from asking: the section thanks them and says what happens next.</param>
internal sealed record MyQuestionsView(QuestionThreadsView Threads, AskFormView Form, bool JustAsked);

/// <summary>
/// Adds "my questions" to the person's own page (<see cref="IMyPageSections"/>): their desk threads, newest first, with
/// the answers (never staff's notes, events or names: <see cref="PersonQuestions"/>, the same reading as
/// <c>/r/{token}/questions</c>), and the form that asks through <see cref="MyQuestionsController"/>.
/// </summary>
internal sealed class MyQuestionsSection(PersonQuestions questions, UiText texts) : IMyPageSections
{
    /// <summary>The notice the page comes back with after a question was asked.</summary>
    public const string Asked = "asked";

    public int Order => 30;

    public IEnumerable<MyPageSection> For(MyPageVisit visit)
    {
        var threads = new QuestionThreadsView(questions.Of(visit.CompatriotId), texts.Get(visit.Language, "pub.questions.administration"));
        yield return new MyPageSection("questions", "pub.questions.title", "~/Features/Responses/Views/_MyQuestions.cshtml",
            new MyQuestionsView(threads, MyQuestionsController.Form(visit.Token), visit.Notice == Asked));
    }
}
