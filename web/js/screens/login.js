// Login: username and password; the server answers the user and the CSRF
// token (docs/authz.md). A wrong password, an unknown user and a disabled
// account get the same message.
import { html, useState } from "../lib.js";
import { T } from "../i18n.js";
import { api } from "../api.js";
import { Page, Input, ErrorBox } from "../ui.js";

export default function Login({ setUser }) {
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const submit = async (ev) => {
    ev.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const me = await api("POST", "/api/v1/session", { username: username.trim(), password });
      setUser(me);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return html`<${Page} title=${T("Đăng nhập")} guide="dang-nhap">
    <form class="card narrow" onSubmit=${submit} novalidate>
      <${Input} id="login-user" label=${T("Tên đăng nhập")} value=${username}
        onInput=${setUsername} autocomplete="username" required autocapitalize="none" />
      <${Input} id="login-pass" label=${T("Mật khẩu")} type="password" value=${password}
        onInput=${setPassword} autocomplete="current-password" required />
      <${ErrorBox} error=${error} />
      <button type="submit" disabled=${busy}>${busy ? T("Đang đăng nhập…") : T("Đăng nhập")}</button>
      <p class="hint">${T("Cơ sở dữ liệu tập huấn: các tài khoản mẫu (commune.13285.officer, commune.13285.chairman, supervisor…) dùng mật khẩu ansinh-demo. Xem Hướng dẫn.")}</p>
    </form>
  <//>`;
}
