using Bunit;
using OAuthPortal.Components;

namespace OAuthPortal.Tests.Components;

public sealed class ScopeListTests : BunitContext
{
    [Fact]
    public void Render_Scopes_ListsEachWithDescriptionAndName()
    {
        var list = Render<ScopeList>(ps => ps.Add(p => p.Scopes, [new ScopeItem("profile", "See your e-mail"), new ScopeItem("orders:read", "Read your orders")]));

        list.MarkupMatches("""
            <ul class="list-group mb-3" data-test="scope-list">
              <li class="list-group-item" data-test="scope" data-scope="profile">
                <div class="fw-semibold">See your e-mail</div>
                <code class="small text-muted">profile</code>
              </li>
              <li class="list-group-item" data-test="scope" data-scope="orders:read">
                <div class="fw-semibold">Read your orders</div>
                <code class="small text-muted">orders:read</code>
              </li>
            </ul>
            """);
    }

    [Fact]
    public void Render_MarkupInDescription_IsEncoded()
    {
        var list = Render<ScopeList>(ps => ps.Add(p => p.Scopes, [new ScopeItem("x", "<b>bold</b>")]));

        Assert.Empty(list.FindAll("b"));
        Assert.Equal("<b>bold</b>", list.Find(".fw-semibold").TextContent);
    }
}
