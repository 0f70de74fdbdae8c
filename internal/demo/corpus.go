// Package demo holds the read-only text corpus used to generate a believable,
// multilingual demo help desk for a fictional online-learning and SaaS company
// with two brands: "Acme Learning" (online courses, brand key "learning") and
// "Acme Cloud" (a SaaS product, brand key "cloud").
//
// The package only contains data and tiny accessors; the generator that turns
// the corpus into users, organizations and tickets lives elsewhere. Every
// accessor returns a freshly built value, so callers may modify the result
// without affecting other callers.
//
// Texts are provided in English ("en"), Spanish ("es") and Russian ("ru").
// They deliberately use the same words in different inflections
// ("пароль"/"пароля"/"паролем", "pago"/"pagos", "refund"/"refunds") so that
// search stemming can be exercised on demo data. Internal notes are always in
// English, because agents write notes in English.
package demo

import "slices"

// Topic is one kind of customer request, with text in each language.
type Topic struct {
	Key       string              // e.g. "password-reset"
	Brand     string              // "learning" or "cloud"
	Group     string              // one of "Support", "Billing", "Technical", "Accounts"
	Type      string              // "question", "incident", "problem" or "task"
	Priority  string              // "low", "normal", "high" or "urgent"
	Tags      []string            // 1-3 lower-case tags, e.g. {"password", "login"}
	Subjects  map[string][]string // language ("en", "es", "ru") → 3+ subject lines
	Bodies    map[string][]string // language → 3+ first messages from the customer
	Replies   map[string][]string // language → 3+ public agent replies
	FollowUps map[string][]string // language → 2+ customer follow-ups
	Notes     []string            // 2+ internal agent notes (English)
}

// Org is a customer organization.
type Org struct {
	Name   string   // e.g. "Northwind Traders"
	Domain string   // e.g. "northwind.example"; always a reserved .example or .test name
	Lang   string   // main language of its people: "en", "es" or "ru"
	Shared bool     // shares tickets among its members
	Tags   []string // e.g. {"enterprise"} / {"university"} / {"smb"}
}

// Agent is a support agent of the demo company.
type Agent struct {
	Name   string   // full name
	Email  string   // @acme.example address
	Groups []string // 1-2 of Support, Billing, Technical, Accounts
	Locale string   // "en", "es" or "ru"
	Admin  bool     // exactly one agent is an admin
}

// topics returns all customer request topics of both brands.
func topics() []Topic {
	return slices.Concat(
		corpusAccountTopics(),
		corpusBillingTopics(),
		corpusLearningTopics(),
		corpusCloudTopics(),
		corpusGeneralTopics(),
	)
}

// firstNames returns given names typical for the language ("en", "es" or
// "ru"); it returns nil for an unknown language.
func firstNames(lang string) []string {
	switch lang {
	case "en":
		return []string{
			"James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
			"Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan",
			"Joseph", "Jessica", "Thomas", "Sarah", "Daniel", "Karen", "Matthew",
			"Emily", "Anthony", "Olivia", "Mark", "Hannah", "Ryan", "Grace",
		}
	case "es":
		return []string{
			"María", "José", "Carmen", "Juan", "Lucía", "Carlos", "Ana", "Luis",
			"Sofía", "Javier", "Isabel", "Miguel", "Elena", "Diego", "Paula",
			"Alejandro", "Valentina", "Andrés", "Camila", "Fernando", "Gabriela",
			"Pablo", "Daniela", "Jorge", "Mariana", "Raúl", "Natalia", "Sergio",
		}
	case "ru":
		return []string{
			"Александр", "Мария", "Дмитрий", "Анна", "Сергей", "Елена", "Андрей",
			"Ольга", "Алексей", "Наталья", "Иван", "Татьяна", "Михаил", "Екатерина",
			"Николай", "Ирина", "Павел", "Светлана", "Артём", "Юлия", "Владимир",
			"Ксения", "Максим", "Дарья", "Егор", "Полина", "Константин", "Вера",
		}
	}
	return nil
}

// lastNames returns family names typical for the language ("en", "es" or
// "ru"); it returns nil for an unknown language. Russian surnames are picked
// from forms that do not change with gender (-енко, -ук, -ич, -их/-ых, ...),
// so any first name can be combined with any last name grammatically.
func lastNames(lang string) []string {
	switch lang {
	case "en":
		return []string{
			"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis",
			"Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin",
			"Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
			"Walker", "Young", "Allen", "King", "Wright", "Scott", "Green",
		}
	case "es":
		return []string{
			"García", "Rodríguez", "Martínez", "López", "González", "Hernández",
			"Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez",
			"Díaz", "Morales", "Jiménez", "Ruiz", "Álvarez", "Romero", "Castillo",
			"Vargas", "Ortiz", "Navarro", "Medina", "Castro", "Herrera", "Mendoza",
			"Fuentes",
		}
	case "ru":
		return []string{
			"Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко",
			"Петренко", "Лысенко", "Савченко", "Руденко", "Марченко", "Ковальчук",
			"Полищук", "Мельничук", "Гончарук", "Романюк", "Карпович", "Богданович",
			"Станкевич", "Якубович", "Дашкевич", "Черных", "Белых", "Седых",
			"Долгих", "Русских", "Петросян", "Ким", "Цой",
		}
	}
	return nil
}

// organizations returns the 20 client organizations of the demo help desk.
func organizations() []Org {
	return []Org{
		{Name: "Northwind Traders", Domain: "northwind.example", Lang: "en", Shared: true, Tags: []string{"smb"}},
		{Name: "Contoso University", Domain: "contoso-university.example", Lang: "en", Shared: true, Tags: []string{"university"}},
		{Name: "Fabrikam Industries", Domain: "fabrikam.example", Lang: "en", Tags: []string{"enterprise"}},
		{Name: "Blue Harbor Academy", Domain: "blueharbor.test", Lang: "en", Tags: []string{"education", "smb"}},
		{Name: "Greenfield Community College", Domain: "greenfield-college.example", Lang: "en", Tags: []string{"university"}},
		{Name: "Lighthouse Analytics", Domain: "lighthouse-analytics.example", Lang: "en", Tags: []string{"enterprise"}},
		{Name: "Maple & Finch Design", Domain: "maplefinch.test", Lang: "en", Tags: []string{"smb"}},
		{Name: "Redwood Health Partners", Domain: "redwoodhealth.example", Lang: "en", Shared: true, Tags: []string{"enterprise", "healthcare"}},
		{Name: "Summit Coding Bootcamp", Domain: "summitcode.test", Lang: "en", Tags: []string{"education", "smb"}},
		{Name: "Universidad del Valle Andino", Domain: "valleandino.example", Lang: "es", Shared: true, Tags: []string{"university"}},
		{Name: "Grupo Solaris", Domain: "gruposolaris.example", Lang: "es", Tags: []string{"enterprise"}},
		{Name: "Café Montaña Verde", Domain: "montanaverde.test", Lang: "es", Tags: []string{"smb"}},
		{Name: "Instituto Técnico Pampa", Domain: "itpampa.example", Lang: "es", Tags: []string{"university"}},
		{Name: "Logística Río Claro", Domain: "rioclaro.example", Lang: "es", Shared: true, Tags: []string{"enterprise"}},
		{Name: "Estudio Azul Diseño", Domain: "estudioazul.test", Lang: "es", Tags: []string{"smb"}},
		{Name: "ООО «Северный ветер»", Domain: "severveter.example", Lang: "ru", Tags: []string{"smb"}},
		{Name: "Уральский политехнический колледж", Domain: "uralpoly.example", Lang: "ru", Shared: true, Tags: []string{"university"}},
		{Name: "ГК «Байкал-Софт»", Domain: "baikalsoft.example", Lang: "ru", Tags: []string{"enterprise"}},
		{Name: "Школа программирования «Кодум»", Domain: "kodum.test", Lang: "ru", Shared: true, Tags: []string{"education", "smb"}},
		{Name: "Медицинский центр «Здоровье+»", Domain: "zdorovie-plus.example", Lang: "ru", Tags: []string{"enterprise", "healthcare"}},
	}
}

// agents returns the 10 support agents of the demo company; exactly one of
// them is an admin and every group has at least two agents.
func agents() []Agent {
	return []Agent{
		{Name: "Emma Collins", Email: "emma.collins@acme.example", Groups: []string{"Support", "Accounts"}, Locale: "en", Admin: true},
		{Name: "Liam Parker", Email: "liam.parker@acme.example", Groups: []string{"Support"}, Locale: "en"},
		{Name: "Noah Bennett", Email: "noah.bennett@acme.example", Groups: []string{"Technical"}, Locale: "en"},
		{Name: "Chloe Foster", Email: "chloe.foster@acme.example", Groups: []string{"Billing"}, Locale: "en"},
		{Name: "Lucía Fernández", Email: "lucia.fernandez@acme.example", Groups: []string{"Support", "Billing"}, Locale: "es"},
		{Name: "Mateo Rojas", Email: "mateo.rojas@acme.example", Groups: []string{"Technical"}, Locale: "es"},
		{Name: "Valeria Suárez", Email: "valeria.suarez@acme.example", Groups: []string{"Accounts", "Billing"}, Locale: "es"},
		{Name: "Дмитрий Соколов", Email: "dmitry.sokolov@acme.example", Groups: []string{"Technical", "Support"}, Locale: "ru"},
		{Name: "Анна Кузнецова", Email: "anna.kuznetsova@acme.example", Groups: []string{"Accounts"}, Locale: "ru"},
		{Name: "Ольга Морозова", Email: "olga.morozova@acme.example", Groups: []string{"Billing", "Technical"}, Locale: "ru"},
	}
}

// corpusAccountTopics returns topics handled by the Accounts group.
func corpusAccountTopics() []Topic {
	return []Topic{
		{
			Key:      "password-reset",
			Brand:    "learning",
			Group:    "Accounts",
			Type:     "question",
			Priority: "normal",
			Tags:     []string{"password", "login"},
			Subjects: map[string][]string{
				"en": {
					"Can't reset my password",
					"Password reset email never arrives",
					"Forgot password - reset link expired",
					"New password not accepted in the app",
				},
				"es": {
					"No puedo restablecer mi contraseña",
					"No me llega el correo para cambiar la contraseña",
					"Olvidé mi contraseña y el enlace caducó",
					"La app no acepta mi nueva contraseña",
				},
				"ru": {
					"Не могу сбросить пароль",
					"Не приходит письмо для восстановления пароля",
					"Ссылка для смены пароля устарела",
					"Приложение не принимает новый пароль",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, I forgot my password and clicked 'Forgot password' on the login page three times already. No email has arrived, not even in spam. My course starts tomorrow so I really need to get in today.",
					"hey, the reset link you sent says 'expired' as soon as i open it. I tried twice within like 2 minutes. what am I doing wrong??",
					"Hello, I reset my password yesterday but the new password doesn't work in the mobile app, only on the website. I keep getting 'invalid credentials'. Could you please check my account?",
					"Hi there. I'm trying to change my password from the profile page but it keeps saying the current password is wrong, which it isn't. Is there a way to reset passwords for my whole team at once as well?",
				},
				"es": {
					"Hola, olvidé mi contraseña y pedí el correo de recuperación varias veces, pero no me llega nada, ni siquiera en spam. Mañana empiezo el curso y necesito entrar hoy mismo.",
					"buenas, el enlace para restablecer la contraseña me dice que esta caducado apenas lo abro. lo intente dos veces seguidas. que hago?",
					"Hola. Ayer cambié mi contraseña, pero en la app móvil me sigue saliendo «credenciales inválidas». En la web sí puedo entrar. ¿Pueden revisar mi cuenta, por favor?",
					"Buenas tardes. Intento cambiar la contraseña desde mi perfil y me dice que la actual es incorrecta, aunque estoy segura de que no. ¿Se pueden restablecer las contraseñas de todo mi equipo a la vez?",
				},
				"ru": {
					"Здравствуйте! Забыл пароль, нажимал «Забыли пароль?» уже три раза, но письмо так и не пришло, в спаме тоже пусто. Курс начинается завтра, очень нужно войти сегодня.",
					"добрый день, ссылка для сброса пароля сразу пишет что она устарела. пробовала два раза подряд. что я делаю не так?",
					"Здравствуйте. Вчера сменил пароль: на сайте с новым паролем всё работает, а в мобильном приложении пишет «неверные учётные данные». Проверьте, пожалуйста, мой аккаунт.",
					"Добрый вечер. Пытаюсь поменять пароль в профиле, а система говорит, что текущий пароль неверный, хотя я вхожу именно с ним. И можно ли сбросить пароли сразу всем сотрудникам нашей группы?",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, thanks for reaching out! I've just sent a fresh password reset link to the address on your account. It is valid for 60 minutes, so please open it in the same browser where you requested it. If it doesn't show up within 10 minutes, check the Promotions and Spam folders and add no-reply@acme.example to your contacts.",
					"Hello, sorry for the trouble. A reset link stops working as soon as a newer one is requested, so if you clicked 'Forgot password' more than once only the latest email works. Please request one more link, wait for it to arrive and use only that one.",
					"Hi, the mobile app keeps an old session after a password change. Please log out in the app (Profile → Settings → Log out) and sign in again with your new password. If it still fails, reinstall the app and tell us the version number shown on the login screen.",
				},
				"es": {
					"Hola, ¡gracias por escribirnos! Te acabo de enviar un nuevo enlace para restablecer la contraseña. Es válido durante 60 minutos, así que ábrelo en el mismo navegador desde el que lo pediste. Si no te llega en 10 minutos, revisa las carpetas de Promociones y Spam y agrega no-reply@acme.example a tus contactos.",
					"Hola, disculpa las molestias. Cada enlace de recuperación deja de funcionar cuando se solicita uno nuevo, por eso solo sirve el último correo. Pide un enlace más, espera a que llegue y usa únicamente ese.",
					"Hola, la app móvil conserva la sesión anterior después de un cambio de contraseña. Cierra sesión en la app (Perfil → Ajustes → Cerrar sesión) y vuelve a entrar con la contraseña nueva. Si sigue fallando, reinstala la app y dinos qué versión aparece en la pantalla de inicio.",
				},
				"ru": {
					"Здравствуйте! Спасибо за обращение. Я только что отправила новую ссылку для сброса пароля на адрес, указанный в аккаунте. Она действует 60 минут, откройте её в том же браузере, где делали запрос. Если письма нет через 10 минут, проверьте папки «Спам» и «Промоакции» и добавьте no-reply@acme.example в контакты.",
					"Здравствуйте, извините за неудобства. Ссылка для сброса пароля перестаёт работать, как только запрошена новая, поэтому действует только последнее письмо. Запросите ссылку ещё раз, дождитесь письма и воспользуйтесь только им.",
					"Здравствуйте! После смены пароля мобильное приложение может держать старую сессию. Выйдите из аккаунта в приложении (Профиль → Настройки → Выйти) и войдите заново с новым паролем. Если не поможет, переустановите приложение и сообщите нам номер версии с экрана входа.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Still nothing in my inbox, I checked spam too. Can you reset the password manually?",
					"Got it, the last link worked and I'm in. Thanks a lot!",
					"Logging out and back in fixed the app. Thank you!",
				},
				"es": {
					"Sigo sin recibir nada, ya revisé el spam. ¿Pueden cambiarme la contraseña ustedes?",
					"¡Listo! Con el último enlace pude entrar. Muchas gracias.",
					"Cerré sesión, volví a entrar y ya funciona. ¡Gracias!",
				},
				"ru": {
					"Письмо так и не пришло, спам проверил. Можете сбросить пароль вручную?",
					"Спасибо, последняя ссылка сработала, я зашла в аккаунт!",
					"Вышел и зашёл заново — приложение приняло пароль. Благодарю!",
				},
			},
			Notes: []string{
				"Checked mail logs: reset emails were delivered to the customer's server, probably filtered by their corporate gateway.",
				"Identity verified via last 4 card digits and enrolment date. Sent a manual reset link.",
				"Known issue: app versions below 4.2 cache the old session after a password change. Linked to the mobile bug tracker.",
			},
		},
		{
			Key:      "2fa-lost",
			Brand:    "cloud",
			Group:    "Accounts",
			Type:     "question",
			Priority: "high",
			Tags:     []string{"2fa", "login", "security"},
			Subjects: map[string][]string{
				"en": {
					"Lost my phone, can't pass 2FA",
					"Two-factor codes not accepted",
					"Need to disable two-factor authentication",
				},
				"es": {
					"Perdí el móvil y no puedo pasar la verificación en dos pasos",
					"Los códigos de verificación no funcionan",
					"Necesito desactivar la autenticación de dos factores",
				},
				"ru": {
					"Потерял телефон, не могу пройти двухфакторную аутентификацию",
					"Коды подтверждения не принимаются",
					"Нужно отключить двухфакторную защиту",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, my phone was stolen over the weekend and the authenticator app was on it. I don't have the backup codes either. I'm the owner of our Acme Cloud workspace and the whole team is blocked from billing settings until I get in.",
					"The 6-digit codes from Google Authenticator keep getting rejected. I double checked and the phone time is set to automatic. This started after I switched to a new phone yesterday.",
					"hello, we had an employee leave the company and her account had 2FA enabled. We need to reset two-factor on her account so we can transfer her projects. I'm an admin of the workspace.",
				},
				"es": {
					"Hola, me robaron el celular el fin de semana y ahí tenía la app de autenticación. Tampoco guardé los códigos de respaldo. Soy el propietario del espacio de trabajo en Acme Cloud y nadie puede tocar la facturación hasta que yo entre.",
					"Los códigos de 6 dígitos de Google Authenticator me los rechaza siempre. Ya revisé que la hora del teléfono esté en automático. Empezó ayer, cuando cambié de móvil.",
					"hola, una empleada se fue de la empresa y tenía activada la verificación en dos pasos. Necesitamos restablecer el segundo factor de su cuenta para traspasar sus proyectos. Soy administrador del espacio.",
				},
				"ru": {
					"Здравствуйте, в выходные у меня украли телефон, а на нём было приложение-аутентификатор. Резервных кодов у меня тоже нет. Я владелец рабочего пространства в Acme Cloud, и без меня команда не может зайти в настройки оплаты.",
					"Шестизначные коды из Google Authenticator постоянно отклоняются. Время на телефоне стоит автоматическое, я проверил. Началось вчера, после перехода на новый телефон.",
					"добрый день. от нас ушла сотрудница, у неё была включена двухфакторка. нужно сбросить второй фактор на её учётке, чтобы передать проекты. я администратор пространства.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, sorry to hear about your phone. For security we can only remove two-factor authentication after verifying ownership. Please reply from the account email with the workspace name, the last 4 digits of the card on file and the date of your last invoice. Once confirmed, we'll disable 2FA within one business day.",
					"Hello! Codes are tied to the secret stored on your old phone, so a new phone generates different codes unless the authenticator was transferred. Please sign in with one of your backup codes and re-enrol 2FA under Security → Two-factor authentication. If you don't have backup codes, let us know and we'll start identity verification.",
					"Hi, workspace admins can reset 2FA for members themselves: go to Admin → Members, open the user, and choose 'Reset two-factor'. The user will be asked to set it up again on the next login. If the account should be deactivated instead, use 'Suspend' and then 'Transfer ownership' for her projects.",
				},
				"es": {
					"Hola, lamentamos lo del teléfono. Por seguridad solo podemos quitar la autenticación de dos factores después de verificar la titularidad. Respóndenos desde el correo de la cuenta con el nombre del espacio, los últimos 4 dígitos de la tarjeta registrada y la fecha de la última factura. Una vez confirmado, desactivaremos el 2FA en un día hábil.",
					"¡Hola! Los códigos dependen de la clave guardada en tu teléfono anterior, así que un móvil nuevo genera códigos distintos si no transferiste el autenticador. Entra con uno de tus códigos de respaldo y vuelve a activar el 2FA en Seguridad → Autenticación en dos pasos. Si no tienes códigos de respaldo, avísanos y comenzamos la verificación de identidad.",
					"Hola, los administradores del espacio pueden restablecer el 2FA de los miembros: ve a Administración → Miembros, abre el usuario y elige «Restablecer segundo factor». En el próximo inicio de sesión se le pedirá configurarlo de nuevo. Si prefieres desactivar la cuenta, usa «Suspender» y luego «Transferir propiedad» de sus proyectos.",
				},
				"ru": {
					"Здравствуйте, сочувствуем из-за телефона. В целях безопасности мы отключаем двухфакторную аутентификацию только после подтверждения владения аккаунтом. Ответьте, пожалуйста, с почты аккаунта и укажите название пространства, последние 4 цифры привязанной карты и дату последнего счёта. После проверки отключим 2FA в течение одного рабочего дня.",
					"Здравствуйте! Коды привязаны к секрету на старом телефоне, поэтому новый телефон генерирует другие коды, если аутентификатор не был перенесён. Войдите с одним из резервных кодов и заново подключите 2FA в разделе Безопасность → Двухфакторная аутентификация. Если резервных кодов нет, напишите нам, и мы начнём проверку личности.",
					"Здравствуйте! Администраторы пространства могут сами сбросить 2FA участникам: Администрирование → Участники → выберите пользователя → «Сбросить второй фактор». При следующем входе ему предложат настроить защиту заново. Если учётную запись нужно отключить, выберите «Заблокировать», а затем «Передать владение» проектами.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"I sent the details from my work email an hour ago, any news? We really need access today.",
					"Found an old backup code in my password manager and it worked. All set, thanks!",
					"The reset option under Members did the trick, thank you.",
				},
				"es": {
					"Les mandé los datos desde el correo del trabajo hace una hora, ¿alguna novedad? Necesitamos acceso hoy.",
					"Encontré un código de respaldo viejo y funcionó. Todo en orden, ¡gracias!",
				},
				"ru": {
					"Отправил данные с рабочей почты час назад, есть новости? Доступ нужен сегодня.",
					"Нашёл старый резервный код в менеджере паролей — сработал. Всё, спасибо!",
				},
			},
			Notes: []string{
				"Ownership verified: card last4 and last invoice date match. 2FA disabled, user notified to re-enrol.",
				"Request came from a non-account email address, asked to reply from the registered email before proceeding.",
			},
		},
		{
			Key:      "account-locked",
			Brand:    "learning",
			Group:    "Accounts",
			Type:     "problem",
			Priority: "high",
			Tags:     []string{"login", "locked"},
			Subjects: map[string][]string{
				"en": {
					"My account is locked",
					"Locked out after too many login attempts",
					"Account suspended without reason?",
				},
				"es": {
					"Mi cuenta está bloqueada",
					"Cuenta bloqueada por demasiados intentos",
					"¿Por qué suspendieron mi cuenta?",
				},
				"ru": {
					"Мой аккаунт заблокирован",
					"Аккаунт заблокировали после нескольких попыток входа",
					"Почему мою учётную запись приостановили?",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"I typed my password wrong a few times and now it says my account is locked for security reasons. It's been over an hour. I have an exam in the afternoon, please help!!",
					"Hello, when I log in I get 'This account has been suspended'. I didn't get any email explaining why. I've paid for the annual plan and I'm halfway through two courses.",
					"Hi, three people from our company got locked out this morning at the same time. We all log in from the office network. Is something blocking our IP address?",
				},
				"es": {
					"Puse mal la contraseña unas cuantas veces y ahora dice que la cuenta está bloqueada por seguridad. Ya pasó más de una hora. ¡Tengo un examen esta tarde, ayuda por favor!",
					"Hola, al entrar me aparece «Esta cuenta ha sido suspendida». No recibí ningún correo explicando el motivo. Pagué el plan anual y voy por la mitad de dos cursos.",
					"Buenos días, esta mañana se bloquearon las cuentas de tres compañeros al mismo tiempo. Todos entramos desde la red de la oficina. ¿Están bloqueando nuestra IP?",
				},
				"ru": {
					"Несколько раз ошиблась с паролем, и теперь пишет, что аккаунт заблокирован из соображений безопасности. Прошло уже больше часа. У меня днём экзамен, помогите, пожалуйста!!",
					"Здравствуйте, при входе вижу «Эта учётная запись приостановлена». Никакого письма с объяснением не было. Я оплатил годовую подписку и прошёл половину двух курсов.",
					"Добрый день, сегодня утром одновременно заблокировало аккаунты троих наших сотрудников. Все заходим из офисной сети. Может быть, блокируется наш IP-адрес?",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, I've unlocked your account now, so you can sign in right away. The automatic lock kicks in after 5 failed attempts and lasts 24 hours. If you're unsure about your password, please use 'Forgot password' instead of guessing, so the lock isn't triggered again. Good luck with the exam!",
					"Hello, I'm sorry for the confusion. Your account was flagged by our payment system because of a chargeback notice from your bank. I've restored access while we look into it; could you confirm whether you disputed a payment with your bank recently?",
					"Hi, thanks for the details. Our firewall rate-limited your office IP after many login attempts in a short time, probably from a shared browser extension. I've lifted the block and unlocked the three accounts. If your team uses SSO-style password managers, please make sure they don't retry failed logins automatically.",
				},
				"es": {
					"Hola, ya desbloqueé tu cuenta, así que puedes entrar ahora mismo. El bloqueo automático se activa después de 5 intentos fallidos y dura 24 horas. Si no recuerdas la contraseña, usa «Olvidé mi contraseña» en vez de probar, para que no vuelva a bloquearse. ¡Mucha suerte en el examen!",
					"Hola, disculpa la confusión. Nuestro sistema de pagos marcó tu cuenta por un aviso de contracargo de tu banco. Ya restablecí el acceso mientras lo revisamos; ¿podrías confirmarnos si reclamaste algún pago con tu banco hace poco?",
					"Hola, gracias por los detalles. Nuestro firewall limitó la IP de su oficina tras muchos intentos de acceso en poco tiempo, seguramente por una extensión del navegador. Ya quité el bloqueo y desbloqueé las tres cuentas. Si usan gestores de contraseñas, verifiquen que no reintenten los accesos fallidos automáticamente.",
				},
				"ru": {
					"Здравствуйте! Я разблокировала ваш аккаунт, можно входить. Автоматическая блокировка срабатывает после 5 неудачных попыток и длится 24 часа. Если не уверены в пароле, воспользуйтесь «Забыли пароль?», чтобы блокировка не сработала снова. Удачи на экзамене!",
					"Здравствуйте, приносим извинения. Ваш аккаунт пометила платёжная система из-за уведомления о возврате платежа (chargeback) от вашего банка. Я восстановил доступ на время проверки. Подскажите, вы недавно оспаривали платёж в банке?",
					"Здравствуйте, спасибо за подробности. Наш файрвол ограничил IP-адрес вашего офиса после множества попыток входа за короткое время — скорее всего, из-за расширения браузера. Блокировку я снял, все три аккаунта разблокированы. Проверьте, пожалуйста, чтобы менеджеры паролей не повторяли неудачные входы автоматически.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"It's still saying locked after I cleared the cache. Screenshot attached.",
					"I'm in, just in time. Thank you so much!",
					"Yes, my bank flagged it by mistake, I've called them to cancel the dispute.",
				},
				"es": {
					"Sigue diciendo que está bloqueada, incluso después de borrar la caché. Adjunto captura.",
					"¡Ya entré, justo a tiempo! Mil gracias.",
				},
				"ru": {
					"Почистил кэш, но всё равно пишет, что аккаунт заблокирован. Прикладываю скриншот.",
					"Зашла, успела! Огромное спасибо.",
					"Да, банк ошибочно открыл спор по платежу, я уже позвонил и отменил его.",
				},
			},
			Notes: []string{
				"Auth log shows 5 failed attempts from the customer's usual IP, no signs of credential stuffing. Manual unlock done.",
				"Suspension caused by chargeback webhook from the payment provider. Billing informed, do not refund until the dispute is closed.",
				"Office IP was on the WAF rate-limit list. Removed the entry; consider raising the limit for university ranges.",
			},
		},
		{
			Key:      "change-email",
			Brand:    "learning",
			Group:    "Accounts",
			Type:     "task",
			Priority: "low",
			Tags:     []string{"email", "profile"},
			Subjects: map[string][]string{
				"en": {
					"Change the email on my account",
					"Update login email address",
					"Moving to a new email - keep my courses",
				},
				"es": {
					"Cambiar el correo de mi cuenta",
					"Actualizar la dirección de correo electrónico",
					"Nuevo correo, quiero conservar mis cursos",
				},
				"ru": {
					"Сменить электронную почту в аккаунте",
					"Обновить адрес электронной почты для входа",
					"Переход на новую почту с сохранением курсов",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, I'm leaving my university and will lose access to my student email soon. Can I change the email on my account without losing my courses and certificates?",
					"I tried to update my email in settings but it says 'this email is already in use'. I think I created a second account with it by accident a while ago.",
					"Hello, please change my login email from my old work address to my personal one. I can't receive the confirmation email because the old mailbox was deleted.",
				},
				"es": {
					"Hola, termino la universidad y pronto perderé el correo de estudiante. ¿Puedo cambiar el correo de mi cuenta sin perder mis cursos ni mis certificados?",
					"Intenté actualizar el correo en la configuración, pero dice «este correo ya está en uso». Creo que hace tiempo abrí otra cuenta con él sin darme cuenta.",
					"Buenas, por favor cambien mi correo de acceso del trabajo anterior al personal. No puedo recibir el mensaje de confirmación porque el buzón viejo ya no existe.",
				},
				"ru": {
					"Здравствуйте, я заканчиваю университет и скоро потеряю доступ к студенческой почте. Можно ли сменить почту в аккаунте, не потеряв курсы и сертификаты?",
					"Пытаюсь обновить почту в настройках, но пишет «этот адрес уже используется». Кажется, когда-то я случайно завёл второй аккаунт на эту почту.",
					"Добрый день, поменяйте, пожалуйста, почту для входа со старой рабочей на личную. Письмо с подтверждением получить не могу — старый ящик уже удалён.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, yes, you can! Go to Profile → Account → Email, enter the new address and confirm it from the email we send there. All your courses, progress and certificates stay linked to your account, only the login address changes.",
					"Hello, I found the second account with that email; it has no purchases or progress. With your permission I'll delete it, and then you'll be able to set that address on your main account. Please reply 'yes' to confirm.",
					"Hi, since the old mailbox is gone, I need to verify your identity first. Please send us the name on the account, the last 4 digits of the card used for your last purchase and one of the courses you're enrolled in. I'll then change the email for you manually.",
				},
				"es": {
					"Hola, ¡claro que sí! Entra en Perfil → Cuenta → Correo electrónico, escribe la nueva dirección y confírmala desde el mensaje que te enviaremos allí. Tus cursos, tu progreso y tus certificados siguen vinculados a tu cuenta; solo cambia el correo de acceso.",
					"Hola, encontré la segunda cuenta con ese correo; no tiene compras ni progreso. Si me das permiso, la elimino y así podrás poner esa dirección en tu cuenta principal. Respóndeme «sí» para confirmar.",
					"Hola, como el buzón anterior ya no existe, primero tengo que verificar tu identidad. Envíanos el nombre de la cuenta, los últimos 4 dígitos de la tarjeta de tu última compra y uno de los cursos en los que estás inscrito. Después cambiaré el correo manualmente.",
				},
				"ru": {
					"Здравствуйте! Да, конечно. Откройте Профиль → Аккаунт → Электронная почта, введите новый адрес и подтвердите его по ссылке из письма. Курсы, прогресс и сертификаты останутся в вашем аккаунте — меняется только адрес для входа.",
					"Здравствуйте, я нашла второй аккаунт с этой почтой: покупок и прогресса в нём нет. С вашего разрешения удалю его, и тогда вы сможете указать этот адрес в основном аккаунте. Ответьте «да» для подтверждения.",
					"Здравствуйте! Поскольку старого ящика больше нет, сначала нужно подтвердить вашу личность. Пришлите, пожалуйста, имя в аккаунте, последние 4 цифры карты, которой оплачена последняя покупка, и название одного из ваших курсов. После этого я вручную сменю почту.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Yes, please delete the duplicate account.",
					"Done, the new email is confirmed and my certificates are all there. Thanks!",
				},
				"es": {
					"Sí, por favor eliminen la cuenta duplicada.",
					"Listo, confirmé el correo nuevo y mis certificados siguen ahí. ¡Gracias!",
				},
				"ru": {
					"Да, удалите, пожалуйста, дубликат.",
					"Готово, новая почта подтверждена, все сертификаты на месте. Спасибо!",
				},
			},
			Notes: []string{
				"Duplicate account has no orders and no enrolments. Deleted after customer confirmation, email freed.",
				"Identity verified (card last4 + enrolled course). Email changed manually, old address kept in audit log.",
			},
		},
		{
			Key:      "gdpr-deletion",
			Brand:    "learning",
			Group:    "Accounts",
			Type:     "task",
			Priority: "normal",
			Tags:     []string{"gdpr", "privacy"},
			Subjects: map[string][]string{
				"en": {
					"Delete my account and personal data (GDPR)",
					"Right to erasure request",
					"Please remove all my data",
				},
				"es": {
					"Eliminar mi cuenta y mis datos personales (RGPD)",
					"Solicitud de derecho de supresión",
					"Borren todos mis datos, por favor",
				},
				"ru": {
					"Удалите мой аккаунт и персональные данные (GDPR)",
					"Запрос на удаление персональных данных",
					"Прошу удалить все мои данные",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Under Article 17 of the GDPR I request the deletion of my account and all personal data you hold about me. Please confirm in writing once this has been done.",
					"hi, I don't use Acme Learning anymore and I want my account gone completely, including my email and payment info. Is there a button for that somewhere? couldn't find it",
					"Hello, before you delete my data, can I download my certificates and course history? After that, please erase everything. I also want to know which third parties received my data.",
				},
				"es": {
					"Conforme al artículo 17 del RGPD, solicito la supresión de mi cuenta y de todos los datos personales que tengan sobre mí. Les pido que me confirmen por escrito cuando esté hecho.",
					"hola, ya no uso Acme Learning y quiero que borren mi cuenta por completo, con mi correo y mis datos de pago. ¿Hay algún botón para eso? no lo encontré",
					"Hola, antes de que eliminen mis datos, ¿puedo descargar mis certificados y el historial de cursos? Después borren todo, por favor. También quiero saber a qué terceros se enviaron mis datos.",
				},
				"ru": {
					"В соответствии со статьёй 17 GDPR прошу удалить мой аккаунт и все персональные данные, которые вы обо мне храните. Прошу письменно подтвердить удаление.",
					"привет, я больше не пользуюсь Acme Learning и хочу полностью удалить аккаунт вместе с почтой и платёжными данными. есть где-то такая кнопка? не нашла",
					"Здравствуйте. Перед удалением данных можно ли скачать мои сертификаты и историю курсов? После этого удалите, пожалуйста, всё. Также хочу знать, каким третьим лицам передавались мои данные.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hello, thank you for your request. We have verified it and scheduled the permanent deletion of your account and personal data; it will be completed within 30 days as required by the GDPR. Invoices must be kept for tax purposes, but they will be anonymised. We'll email you a written confirmation when the deletion is finished.",
					"Hi! You can do it yourself under Profile → Privacy → Delete account. You'll get a confirmation email, and after you confirm, the account and personal data are erased within 30 days. Please note that certificates can't be restored afterwards.",
					"Hi, of course. Go to Profile → Privacy → Download my data to get a ZIP with your certificates and course history. The list of our sub-processors (payment, email and video hosting providers) is on our privacy page. Once you have the archive, just reply here and we'll proceed with the deletion.",
				},
				"es": {
					"Hola, gracias por tu solicitud. La hemos verificado y programado la eliminación definitiva de tu cuenta y de tus datos personales; se completará en un plazo de 30 días, como exige el RGPD. Las facturas deben conservarse por motivos fiscales, pero quedarán anonimizadas. Te enviaremos una confirmación por escrito cuando termine la supresión.",
					"¡Hola! Puedes hacerlo tú mismo en Perfil → Privacidad → Eliminar cuenta. Recibirás un correo de confirmación y, después de confirmar, la cuenta y los datos personales se borran en 30 días. Ten en cuenta que después no se podrán recuperar los certificados.",
					"Hola, por supuesto. En Perfil → Privacidad → Descargar mis datos obtendrás un ZIP con tus certificados y el historial de cursos. La lista de nuestros encargados del tratamiento (pagos, correo y alojamiento de vídeo) está en nuestra página de privacidad. Cuando tengas el archivo, respóndenos aquí y procedemos con el borrado.",
				},
				"ru": {
					"Здравствуйте, спасибо за запрос. Мы его проверили и запланировали безвозвратное удаление вашего аккаунта и персональных данных; оно будет завершено в течение 30 дней, как того требует GDPR. Счета мы обязаны хранить для налоговой отчётности, но они будут обезличены. Когда удаление завершится, пришлём письменное подтверждение.",
					"Здравствуйте! Удалить аккаунт можно самостоятельно: Профиль → Конфиденциальность → Удалить аккаунт. Придёт письмо для подтверждения, после него аккаунт и персональные данные удаляются в течение 30 дней. Учтите, что восстановить сертификаты потом будет невозможно.",
					"Здравствуйте, конечно. В разделе Профиль → Конфиденциальность → Скачать мои данные можно получить ZIP-архив с сертификатами и историей курсов. Список наших обработчиков данных (платежи, рассылки, видеохостинг) опубликован на странице о конфиденциальности. Когда скачаете архив, ответьте здесь, и мы приступим к удалению.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"I have downloaded the archive, please go ahead and delete everything.",
					"It has been 30 days and I still received a marketing email from you. Was my data actually deleted?",
				},
				"es": {
					"Ya descargué el archivo, pueden borrar todo.",
					"Ya pasaron 30 días y todavía me llegó un correo de marketing. ¿De verdad eliminaron mis datos?",
				},
				"ru": {
					"Архив скачал, можете удалять всё.",
					"Прошло 30 дней, а мне всё ещё пришла рекламная рассылка. Мои данные точно удалены?",
				},
			},
			Notes: []string{
				"Erasure request logged in the privacy register. Deadline: 30 days from today. Legal in CC.",
				"Marketing list sync lags behind account deletion; removed the address from the newsletter provider manually.",
			},
		},
	}
}

// corpusBillingTopics returns topics handled by the Billing group.
func corpusBillingTopics() []Topic {
	return []Topic{
		{
			Key:      "refund-request",
			Brand:    "learning",
			Group:    "Billing",
			Type:     "question",
			Priority: "normal",
			Tags:     []string{"refund", "payment"},
			Subjects: map[string][]string{
				"en": {
					"Refund request for course purchase",
					"I want my money back",
					"Refund for a course I never started",
				},
				"es": {
					"Solicitud de reembolso de un curso",
					"Quiero que me devuelvan el dinero",
					"Reembolso de un curso que no empecé",
				},
				"ru": {
					"Запрос на возврат денег за курс",
					"Хочу вернуть деньги",
					"Возврат средств за курс, который я не начинал",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, I bought the Data Analysis Bootcamp last week but the content is much more basic than the description said. I'd like to request a refund please. I've only watched the first two lessons.",
					"I purchased a course by mistake, I meant to buy the advanced version. can I get a refund or swap it?? thx",
					"Hello, my employer was supposed to pay for this course but I ended up paying with my own card. Could you refund my payment so they can buy it through the company account? How long do refunds usually take?",
				},
				"es": {
					"Hola, la semana pasada compré el Bootcamp de Análisis de Datos, pero el contenido es mucho más básico de lo que decía la descripción. Quisiera solicitar el reembolso, por favor. Solo vi las dos primeras lecciones.",
					"compré un curso por error, quería la versión avanzada. ¿me pueden hacer el reembolso o cambiarlo? gracias",
					"Hola, el curso lo iba a pagar mi empresa, pero terminé pagándolo con mi tarjeta. ¿Pueden devolverme el pago para que lo compren desde la cuenta corporativa? ¿Cuánto suelen tardar los reembolsos?",
				},
				"ru": {
					"Здравствуйте, на прошлой неделе купил «Буткемп по анализу данных», но материал гораздо проще, чем в описании. Прошу оформить возврат. Я посмотрел только два первых урока.",
					"купила курс по ошибке, хотела продвинутую версию. можно вернуть деньги или поменять курс??",
					"Добрый день! Курс должен был оплатить работодатель, а я случайно заплатил своей картой. Можно вернуть мой платёж, чтобы компания купила курс через корпоративный аккаунт? Сколько обычно идёт возврат денег?",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, I'm sorry the course didn't meet your expectations. Since the purchase was within our 14-day refund window and you completed less than 20% of it, you're eligible for a full refund. I've processed it today; it usually appears on your statement within 5-10 business days.",
					"Hello! No problem, I've switched your enrolment to the advanced version. Since the advanced course costs a bit more, I've sent you a payment link for the difference instead of a refund. Your progress has been carried over.",
					"Hi, I've refunded your payment in full. Refunds go back to the original card and normally take 5-10 business days depending on your bank. Your company admin can now purchase the course from the team account and assign it to you.",
				},
				"es": {
					"Hola, lamento que el curso no cumpliera tus expectativas. Como la compra está dentro del plazo de 14 días y completaste menos del 20 %, te corresponde el reembolso completo. Ya lo procesé hoy; normalmente aparece en tu extracto en 5 a 10 días hábiles.",
					"¡Hola! Sin problema: cambié tu inscripción a la versión avanzada. Como cuesta un poco más, te envié un enlace de pago por la diferencia. Tu progreso se mantuvo.",
					"Hola, ya te reembolsé el pago completo. Los reembolsos vuelven a la tarjeta original y suelen tardar de 5 a 10 días hábiles, según el banco. Ahora el administrador de tu empresa puede comprar el curso desde la cuenta del equipo y asignártelo.",
				},
				"ru": {
					"Здравствуйте, жаль, что курс не оправдал ожиданий. Покупка сделана в пределах 14-дневного срока, и вы прошли меньше 20 % курса, поэтому вам положен полный возврат. Я оформила его сегодня, деньги обычно поступают на карту за 5–10 рабочих дней.",
					"Здравствуйте! Без проблем: я перевёл вас на продвинутую версию курса. Она стоит дороже, поэтому я отправил ссылку на оплату разницы. Ваш прогресс сохранён.",
					"Здравствуйте! Я вернула платёж полностью. Возврат средств приходит на ту же карту, обычно за 5–10 рабочих дней в зависимости от банка. Теперь администратор вашей компании может купить курс через командный аккаунт и назначить его вам.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"It's been 12 days and I still don't see the refund on my card. Can you send me a reference number?",
					"Refund received today, thank you for the quick help!",
				},
				"es": {
					"Ya pasaron 12 días y todavía no veo el reembolso en mi tarjeta. ¿Me pueden dar un número de referencia?",
					"Hoy me llegó el reembolso, ¡gracias por la rapidez!",
				},
				"ru": {
					"Прошло 12 дней, а возврата на карте всё нет. Можете прислать номер операции?",
					"Деньги вернулись сегодня, спасибо за оперативность!",
				},
			},
			Notes: []string{
				"Within 14-day window, progress 11%. Full refund issued via payment provider, ARN will be available in 3 days.",
				"Customer has had 3 refunds this year, check for refund abuse before approving the next one.",
			},
		},
		{
			Key:      "double-charge",
			Brand:    "cloud",
			Group:    "Billing",
			Type:     "incident",
			Priority: "high",
			Tags:     []string{"payment", "charge"},
			Subjects: map[string][]string{
				"en": {
					"Charged twice for the same month",
					"Duplicate payment on my card",
					"Double charge on subscription renewal",
				},
				"es": {
					"Me cobraron dos veces el mismo mes",
					"Pago duplicado en mi tarjeta",
					"Cargo doble en la renovación de la suscripción",
				},
				"ru": {
					"Списали деньги дважды за один месяц",
					"Двойное списание с карты",
					"Повторный платёж при продлении подписки",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, our company card was charged twice for the Acme Cloud Team plan on the 1st, same amount, two minutes apart. Please refund the duplicate charge. Bank statement screenshot attached.",
					"WHY was I charged 2 times?? I only have one workspace. Please fix this asap, this is our business account and finance is asking questions.",
					"Hello, after I updated my card details the renewal went through again even though the old card had already paid. So now there are two payments for May. Could you look into it?",
				},
				"es": {
					"Hola, a la tarjeta de la empresa le cobraron dos veces el plan Team de Acme Cloud el día 1: mismo importe, con dos minutos de diferencia. Por favor, reembolsen el cargo duplicado. Adjunto captura del extracto bancario.",
					"¿¿POR QUÉ me cobraron 2 veces?? Solo tengo un espacio de trabajo. Arréglenlo cuanto antes, es la cuenta de la empresa y contabilidad ya está preguntando.",
					"Hola, después de actualizar los datos de la tarjeta, la renovación se volvió a cobrar aunque la tarjeta anterior ya había pagado. Así que ahora hay dos pagos de mayo. ¿Pueden revisarlo?",
				},
				"ru": {
					"Здравствуйте, 1-го числа с корпоративной карты дважды списали оплату тарифа Team в Acme Cloud: одна и та же сумма с разницей в две минуты. Верните, пожалуйста, лишнее списание. Скриншот выписки прилагаю.",
					"ПОЧЕМУ списали 2 раза?? У меня одно рабочее пространство. Исправьте срочно, это счёт компании, бухгалтерия уже задаёт вопросы.",
					"Добрый день, после того как я обновил данные карты, продление оплатилось ещё раз, хотя старая карта уже была списана. В итоге за май два платежа. Посмотрите, пожалуйста.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, I'm sorry about this. I can confirm two successful charges for the same invoice; this was caused by a retry on our side. I've refunded the duplicate payment today and you'll receive a credit note by email. Depending on your bank, the refund takes 5-10 business days to show.",
					"Hello, I understand the concern and apologise for the stress. One of the two charges is an authorisation hold that was never captured, so your bank will release it automatically within 7 days. Only one payment has actually been taken; I've attached the invoice for your finance team.",
					"Hi, thanks for reporting it. Updating the card triggered a second renewal attempt, which shouldn't happen. I've refunded the second charge and flagged the bug to our billing engineers. Sorry for the inconvenience!",
				},
				"es": {
					"Hola, lamento mucho lo ocurrido. Confirmo dos cobros correctos de la misma factura, causados por un reintento de nuestro lado. Hoy reembolsé el pago duplicado y recibirás una nota de crédito por correo. Según tu banco, el reembolso tarda de 5 a 10 días hábiles en verse.",
					"Hola, entiendo tu preocupación y te pido disculpas. Uno de los dos cargos es una retención (preautorización) que nunca se cobró, así que tu banco la liberará automáticamente en 7 días. Solo se realizó un pago; te adjunto la factura para tu equipo de contabilidad.",
					"Hola, gracias por avisarnos. Al actualizar la tarjeta se disparó un segundo intento de renovación, cosa que no debería pasar. Ya reembolsé el segundo cobro y reporté el error a nuestro equipo de facturación. ¡Disculpa las molestias!",
				},
				"ru": {
					"Здравствуйте, приносим извинения. Вижу два успешных платежа по одному и тому же счёту — это повторная попытка списания с нашей стороны. Сегодня я вернула лишний платёж, кредит-нота придёт на почту. В зависимости от банка возврат отобразится через 5–10 рабочих дней.",
					"Здравствуйте, понимаю ваше беспокойство. Одно из двух списаний — это блокировка суммы (авторизация), которая так и не была проведена, банк снимет её автоматически в течение 7 дней. Фактически оплата прошла один раз; прикладываю счёт для вашей бухгалтерии.",
					"Здравствуйте, спасибо, что сообщили. Обновление карты запустило повторную попытку продления, чего быть не должно. Второй платёж я вернул, а ошибку передал инженерам биллинга. Извините за неудобства!",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Our finance team needs a credit note with our VAT number on it, can you send that?",
					"The hold disappeared from the statement today. Thanks for explaining!",
				},
				"es": {
					"Contabilidad necesita la nota de crédito con nuestro número fiscal, ¿me la pueden enviar?",
					"Hoy desapareció la retención del extracto. ¡Gracias por la explicación!",
				},
				"ru": {
					"Бухгалтерии нужна кредит-нота с нашим ИНН, можете прислать?",
					"Блокировка сегодня исчезла из выписки. Спасибо за объяснение!",
				},
			},
			Notes: []string{
				"Payment provider shows two captured charges for the same invoice, idempotency key missing on retry. Refunded one, linked to BILL-482.",
				"Second entry is an uncaptured auth from the card update flow; no action needed, it expires in 7 days.",
			},
		},
		{
			Key:      "invoice-vat",
			Brand:    "cloud",
			Group:    "Billing",
			Type:     "task",
			Priority: "low",
			Tags:     []string{"invoice", "vat"},
			Subjects: map[string][]string{
				"en": {
					"Need an invoice with our VAT number",
					"Invoice request for last payment",
					"Company details missing on invoices",
				},
				"es": {
					"Necesito una factura con nuestro NIF",
					"Solicitud de factura del último pago",
					"Faltan los datos fiscales en las facturas",
				},
				"ru": {
					"Нужен счёт с нашим ИНН",
					"Прошу выставить счёт за последний платёж",
					"В счетах нет реквизитов компании",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hello, our accounting department needs invoices for the last six months with our company name and EU VAT number. The invoices we downloaded only show my personal name. Can you reissue them?",
					"hi, we're VAT registered in Ireland but you charged us VAT anyway. Shouldn't reverse charge apply? Please correct the invoice.",
					"Could you send me the invoice for the annual Business plan payment from March? I can't find it in the billing section, only the receipts.",
				},
				"es": {
					"Hola, contabilidad necesita las facturas de los últimos seis meses con la razón social y nuestro número de IVA intracomunitario. Las que descargamos solo muestran mi nombre. ¿Pueden volver a emitirlas?",
					"hola, estamos dados de alta en el IVA en España y aun así nos cobraron IVA. ¿No corresponde la inversión del sujeto pasivo? Por favor corrijan la factura.",
					"¿Me pueden enviar la factura del pago anual del plan Business de marzo? En la sección de facturación solo encuentro los recibos, no las facturas.",
				},
				"ru": {
					"Здравствуйте, бухгалтерии нужны счета за последние полгода с названием компании и нашим ИНН. В скачанных счетах указано только моё имя. Можно их перевыставить?",
					"добрый день, мы плательщики НДС в ЕС, но вы всё равно начислили НДС. разве не должен применяться reverse charge? исправьте счёт, пожалуйста",
					"Пришлите, пожалуйста, счёт за годовую оплату тарифа Business в марте. В разделе оплаты нахожу только чеки, а счетов нет.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, you can add your company name, address and VAT number under Billing → Company details; all future invoices will include them. I've also reissued the invoices for the last six months with the updated details and attached them to this ticket.",
					"Hello, thanks for pointing this out. Your VAT number wasn't validated at checkout, so VAT was added. I've validated it now, issued a credit note for the VAT amount and a corrected invoice with reverse charge. The VAT amount will be refunded to your card.",
					"Hi! Invoices are under Billing → History → Download PDF, next to each payment. I've attached the March invoice here as well for convenience.",
				},
				"es": {
					"Hola, puedes añadir la razón social, la dirección y el número de IVA en Facturación → Datos de la empresa; todas las facturas futuras los incluirán. Además, volví a emitir las facturas de los últimos seis meses con los datos actualizados y las adjunté a este ticket.",
					"Hola, gracias por avisarnos. Tu número de IVA no se validó al pagar, por eso se añadió el impuesto. Ya lo validé, emití una nota de crédito por el importe del IVA y una factura corregida con inversión del sujeto pasivo. El IVA se te devolverá a la tarjeta.",
					"¡Hola! Las facturas están en Facturación → Historial → Descargar PDF, junto a cada pago. De todos modos, te adjunto aquí la factura de marzo.",
				},
				"ru": {
					"Здравствуйте! Название компании, адрес и ИНН можно указать в разделе Оплата → Реквизиты компании — они будут во всех следующих счетах. Я также перевыставила счета за последние шесть месяцев с новыми реквизитами и приложила их к обращению.",
					"Здравствуйте, спасибо, что заметили. При оплате ваш номер плательщика НДС не прошёл проверку, поэтому налог был начислен. Я подтвердил номер, оформил кредит-ноту на сумму НДС и исправленный счёт с механизмом reverse charge. Сумма НДС вернётся на карту.",
					"Здравствуйте! Счета находятся в разделе Оплата → История → Скачать PDF рядом с каждым платежом. Для удобства прикладываю счёт за март сюда.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Thanks, but the address on the reissued invoices is still the old one. Could you fix that?",
					"Perfect, that's exactly what accounting needed.",
				},
				"es": {
					"Gracias, pero en las facturas nuevas sigue apareciendo la dirección antigua. ¿Lo pueden corregir?",
					"Perfecto, es justo lo que necesitaba contabilidad.",
				},
				"ru": {
					"Спасибо, но в перевыставленных счетах по-прежнему старый адрес. Можно исправить?",
					"Отлично, это именно то, что нужно бухгалтерии.",
				},
			},
			Notes: []string{
				"VIES validation failed at checkout due to a timeout; validated manually. Credit note CN-2291 issued.",
				"Reissued 6 invoices. Reminder: invoice numbers must stay the same, only the customer block changes.",
			},
		},
		{
			Key:      "card-declined",
			Brand:    "learning",
			Group:    "Billing",
			Type:     "problem",
			Priority: "normal",
			Tags:     []string{"payment", "card"},
			Subjects: map[string][]string{
				"en": {
					"Card declined at checkout",
					"Payment keeps failing",
					"Can't pay for the course - 'transaction declined'",
				},
				"es": {
					"Tarjeta rechazada al pagar",
					"El pago sigue fallando",
					"No puedo pagar el curso: «transacción rechazada»",
				},
				"ru": {
					"Карта отклонена при оплате",
					"Платёж постоянно не проходит",
					"Не получается оплатить курс — «транзакция отклонена»",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, I'm trying to buy the UX Design course but my card is declined every time. My bank says there's no problem on their side and the card works everywhere else.",
					"payment failed 3 times with 'do not honor'. I really want to enroll before the discount ends tonight, can you hold the price for me?",
					"Hello, my monthly payment failed and now my access is paused. I got a new card from the bank, but when I try to add it, the page just reloads without saving.",
				},
				"es": {
					"Hola, intento comprar el curso de Diseño UX pero la tarjeta me la rechazan siempre. Mi banco dice que no hay ningún problema y la tarjeta funciona en todos lados.",
					"el pago falló 3 veces con «do not honor». quiero inscribirme antes de que termine el descuento esta noche, ¿me pueden guardar el precio?",
					"Hola, falló mi pago mensual y ahora tengo el acceso en pausa. El banco me dio una tarjeta nueva, pero cuando intento agregarla la página se recarga y no la guarda.",
				},
				"ru": {
					"Здравствуйте, пытаюсь купить курс по UX-дизайну, но карту каждый раз отклоняют. В банке говорят, что с их стороны всё в порядке, и везде эта карта работает.",
					"платёж три раза не прошёл с ошибкой «do not honor». очень хочу записаться, пока сегодня действует скидка, можете сохранить для меня цену?",
					"Добрый день, ежемесячный платёж не прошёл, и теперь доступ приостановлен. Банк выпустил новую карту, но при попытке её добавить страница просто перезагружается и ничего не сохраняется.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, thanks for your patience. Our payment provider shows that the bank declined the charge with a 3-D Secure failure. Please try again and make sure you approve the payment in your banking app when prompted. If your card doesn't support 3-D Secure, PayPal is available at checkout as well.",
					"Hello! 'Do not honor' is a generic decline from the issuing bank, often due to international payments being blocked. Please ask your bank to allow online payments to Acme Learning. Don't worry about the discount: I've created a personal coupon with the same price that's valid for 3 days.",
					"Hi, sorry about that. The page reload happens when an ad blocker prevents our payment form from loading. Please disable it for acme.example or try a private window, then add the new card under Billing → Payment methods. Your access will be restored automatically once the payment succeeds.",
				},
				"es": {
					"Hola, gracias por tu paciencia. Nuestro proveedor de pagos indica que el banco rechazó el cobro por un fallo de 3-D Secure. Vuelve a intentarlo y asegúrate de aprobar el pago en la app de tu banco cuando te lo pida. Si tu tarjeta no admite 3-D Secure, también puedes pagar con PayPal.",
					"¡Hola! «Do not honor» es un rechazo genérico del banco emisor, muchas veces porque tiene bloqueados los pagos internacionales. Pídele a tu banco que autorice los pagos en línea a Acme Learning. No te preocupes por el descuento: te creé un cupón personal con el mismo precio, válido por 3 días.",
					"Hola, disculpa las molestias. La página se recarga cuando un bloqueador de anuncios impide que cargue el formulario de pago. Desactívalo para acme.example o usa una ventana privada y agrega la tarjeta nueva en Facturación → Métodos de pago. El acceso se restablecerá solo cuando el pago se complete.",
				},
				"ru": {
					"Здравствуйте, спасибо за терпение. По данным платёжной системы, банк отклонил списание из-за ошибки 3-D Secure. Попробуйте ещё раз и подтвердите платёж в банковском приложении, когда придёт запрос. Если карта не поддерживает 3-D Secure, при оформлении можно оплатить через PayPal.",
					"Здравствуйте! «Do not honor» — это общий отказ банка-эмитента, часто из-за запрета на международные платежи. Попросите банк разрешить онлайн-платежи в пользу Acme Learning. Насчёт скидки не волнуйтесь: я создала персональный купон с той же ценой, он действует 3 дня.",
					"Здравствуйте, извините за неудобства. Страница перезагружается, когда блокировщик рекламы мешает загрузить форму оплаты. Отключите его для acme.example или откройте приватное окно и добавьте новую карту в разделе Оплата → Способы оплаты. Доступ восстановится автоматически после успешного платежа.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Tried again with the banking app open and it went through. Thanks!",
					"Still declined, even with PayPal. Is there any other way to pay, like a bank transfer?",
				},
				"es": {
					"Lo intenté otra vez con la app del banco abierta y pasó. ¡Gracias!",
					"Sigue rechazado, incluso con PayPal. ¿Hay otra forma de pago, como transferencia bancaria?",
				},
				"ru": {
					"Попробовала ещё раз с открытым приложением банка — оплата прошла. Спасибо!",
					"Всё равно отклоняет, даже через PayPal. Можно оплатить как-то иначе, например банковским переводом?",
				},
			},
			Notes: []string{
				"Provider decline code: authentication_required. Not a fraud block on our side.",
				"Created coupon KEEP-PRICE-3D for the customer, expires in 72h.",
			},
		},
		{
			Key:      "plan-change",
			Brand:    "cloud",
			Group:    "Billing",
			Type:     "question",
			Priority: "normal",
			Tags:     []string{"plan", "upgrade", "downgrade"},
			Subjects: map[string][]string{
				"en": {
					"Upgrade from Team to Business plan",
					"How do I downgrade my plan?",
					"Question about prorated charges after upgrading",
				},
				"es": {
					"Pasar del plan Team al plan Business",
					"¿Cómo bajo a un plan más barato?",
					"Duda sobre el cobro prorrateado al cambiar de plan",
				},
				"ru": {
					"Переход с тарифа Team на Business",
					"Как перейти на более дешёвый тариф?",
					"Вопрос о пересчёте оплаты после смены тарифа",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, we're growing and need SSO and audit logs, which I understand are only on the Business plan. If we upgrade mid-cycle, do we pay the full price or only the difference?",
					"We hired fewer people than planned and want to downgrade from Business to Team at the next renewal. Will we lose any data or integrations?",
					"I upgraded yesterday and was charged an amount that doesn't match either plan price. Can someone explain how the proration was calculated?",
				},
				"es": {
					"Hola, estamos creciendo y necesitamos SSO y registros de auditoría, que según entiendo solo están en el plan Business. Si cambiamos de plan a mitad de ciclo, ¿pagamos el precio completo o solo la diferencia?",
					"Contratamos menos gente de la prevista y queremos bajar de Business a Team en la próxima renovación. ¿Perderemos datos o integraciones?",
					"Ayer cambié a un plan superior y me cobraron un importe que no coincide con el precio de ningún plan. ¿Alguien me explica cómo calcularon el prorrateo?",
				},
				"ru": {
					"Здравствуйте, мы растём, и нам нужны SSO и журнал аудита, которые, насколько я понимаю, есть только в тарифе Business. Если перейти на него в середине периода, мы платим полную цену или только разницу?",
					"Мы наняли меньше людей, чем планировали, и хотим со следующего продления перейти с Business на Team. Потеряем ли мы какие-то данные или интеграции?",
					"Вчера повысил тариф, и списали сумму, которая не совпадает ни с одной ценой из тарифов. Объясните, пожалуйста, как считался перерасчёт?",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, great to hear you're growing! When you upgrade mid-cycle you only pay the prorated difference for the remaining days, and the next renewal is charged at the Business price. You can upgrade any time under Billing → Plan → Change plan; SSO and audit logs are available immediately.",
					"Hello, you can schedule the downgrade under Billing → Plan → Change plan → 'At next renewal'. No data is deleted, but Business-only features (SSO, audit logs, more than 5 integrations) will be disabled. Please make sure the number of active members doesn't exceed the Team plan limit of 25.",
					"Hi, the charge is the unused part of your Team plan credited against the Business price for the remaining 17 days of the cycle. I've attached a breakdown of the calculation. From the next renewal you'll be charged the regular Business price.",
				},
				"es": {
					"Hola, ¡qué bueno que estén creciendo! Si cambian de plan a mitad de ciclo, solo pagan la diferencia prorrateada por los días que quedan, y la próxima renovación se cobra al precio de Business. Pueden hacerlo cuando quieran en Facturación → Plan → Cambiar plan; el SSO y la auditoría se activan al instante.",
					"Hola, puedes programar el cambio en Facturación → Plan → Cambiar plan → «En la próxima renovación». No se elimina ningún dato, pero las funciones exclusivas de Business (SSO, auditoría, más de 5 integraciones) se desactivarán. Verifica que los miembros activos no superen el límite de 25 del plan Team.",
					"Hola, el importe corresponde a la parte no usada de tu plan Team descontada del precio de Business por los 17 días que quedan del ciclo. Te adjunto el desglose del cálculo. A partir de la próxima renovación se cobrará el precio normal de Business.",
				},
				"ru": {
					"Здравствуйте, рады, что вы растёте! При смене тарифа в середине периода вы доплачиваете только пропорциональную разницу за оставшиеся дни, а следующее продление будет по цене Business. Сменить тариф можно в любой момент: Оплата → Тариф → Изменить тариф; SSO и журнал аудита станут доступны сразу.",
					"Здравствуйте! Запланировать переход можно в разделе Оплата → Тариф → Изменить тариф → «При следующем продлении». Данные не удаляются, но функции тарифа Business (SSO, журнал аудита, больше 5 интеграций) будут отключены. Убедитесь, что активных участников не больше 25 — это лимит тарифа Team.",
					"Здравствуйте! Сумма — это цена Business за оставшиеся 17 дней периода за вычетом неиспользованной части тарифа Team. Прикладываю подробный расчёт. Со следующего продления будет списываться обычная цена Business.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Makes sense now, thanks for the breakdown.",
					"We upgraded but the SSO menu still isn't showing for our admins.",
				},
				"es": {
					"Ahora entiendo, gracias por el desglose.",
					"Ya cambiamos de plan, pero a los administradores todavía no les aparece el menú de SSO.",
				},
				"ru": {
					"Теперь понятно, спасибо за расчёт.",
					"Тариф сменили, но у администраторов до сих пор нет пункта меню SSO.",
				},
			},
			Notes: []string{
				"Proration check: 17/30 of the price difference, matches the charge. Sent breakdown.",
				"Feature flags cache for the workspace was stale after upgrade; flushed it, SSO menu visible now.",
			},
		},
		{
			Key:      "cancel-subscription",
			Brand:    "learning",
			Group:    "Billing",
			Type:     "question",
			Priority: "normal",
			Tags:     []string{"subscription", "cancellation"},
			Subjects: map[string][]string{
				"en": {
					"Cancel my subscription",
					"How do I stop automatic renewal?",
					"Subscription renewed after I cancelled",
				},
				"es": {
					"Cancelar mi suscripción",
					"¿Cómo desactivo la renovación automática?",
					"Se renovó la suscripción aunque la cancelé",
				},
				"ru": {
					"Отменить подписку",
					"Как отключить автопродление?",
					"Подписка продлилась, хотя я её отменил",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, please cancel my Acme Learning Plus subscription. I finished the courses I needed and don't want to be charged again next month.",
					"I cancelled my subscription in the app two weeks ago but was charged again today!! I want this payment refunded and the subscription cancelled for good.",
					"hello, how do I turn off auto-renewal? I want to keep access until the end of the paid year but not be charged after that.",
				},
				"es": {
					"Hola, por favor cancelen mi suscripción a Acme Learning Plus. Ya terminé los cursos que necesitaba y no quiero que me cobren el mes que viene.",
					"¡¡Cancelé la suscripción en la app hace dos semanas y hoy me volvieron a cobrar!! Quiero que me devuelvan este pago y que la suscripción quede cancelada definitivamente.",
					"hola, ¿cómo quito la renovación automática? quiero seguir con acceso hasta que termine el año pagado, pero que después no me cobren.",
				},
				"ru": {
					"Здравствуйте, отмените, пожалуйста, мою подписку Acme Learning Plus. Нужные курсы я прошла, и больше платить в следующем месяце не хочу.",
					"Две недели назад я отменил подписку в приложении, а сегодня с меня снова списали деньги!! Верните этот платёж и отмените подписку окончательно.",
					"добрый день, как отключить автопродление? хочу пользоваться до конца оплаченного года, но чтобы потом не списывали.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, I've cancelled your subscription, effective at the end of the current billing period. You'll keep full access until then and won't be charged again. Your certificates and course history remain available in your free account.",
					"Hello, I'm really sorry about this. Your cancellation was made in the iOS app, which only cancels subscriptions bought through the App Store; your subscription was purchased on our website. I've cancelled it on our side and refunded today's payment in full.",
					"Hi! Go to Profile → Subscription → Manage and click 'Turn off auto-renewal'. Your access stays active until the end of the paid year, and you'll receive a reminder email 7 days before it ends.",
				},
				"es": {
					"Hola, ya cancelé tu suscripción; se hace efectiva al final del período de facturación actual. Mantendrás acceso completo hasta entonces y no se te volverá a cobrar. Tus certificados y el historial de cursos siguen disponibles en tu cuenta gratuita.",
					"Hola, de verdad lo siento. La cancelación se hizo en la app de iOS, que solo cancela las suscripciones compradas en la App Store; la tuya se compró en nuestra web. Ya la cancelé de nuestro lado y te reembolsé el pago de hoy completo.",
					"¡Hola! Entra en Perfil → Suscripción → Gestionar y haz clic en «Desactivar renovación automática». El acceso sigue activo hasta el final del año pagado y te enviaremos un recordatorio 7 días antes de que termine.",
				},
				"ru": {
					"Здравствуйте! Я отменила вашу подписку, она закончится в конце текущего расчётного периода. До этого момента у вас сохранится полный доступ, новых списаний не будет. Сертификаты и история курсов останутся в бесплатном аккаунте.",
					"Здравствуйте, очень жаль, что так вышло. Отмена была сделана в приложении для iOS, а оно отменяет только подписки, купленные через App Store; ваша подписка оформлена на нашем сайте. Я отменил её на нашей стороне и полностью вернул сегодняшний платёж.",
					"Здравствуйте! Откройте Профиль → Подписка → Управление и нажмите «Отключить автопродление». Доступ сохранится до конца оплаченного года, а за 7 дней до окончания придёт письмо-напоминание.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Thank you. Can you confirm that no further payments will be taken?",
					"I got the refund, thanks for sorting it out so fast.",
				},
				"es": {
					"Gracias. ¿Me confirman que no habrá más cobros?",
					"Ya recibí el reembolso, gracias por resolverlo tan rápido.",
				},
				"ru": {
					"Спасибо. Подтвердите, пожалуйста, что больше списаний не будет.",
					"Деньги вернулись, спасибо, что так быстро разобрались.",
				},
			},
			Notes: []string{
				"Web subscription, cancelled from admin panel; cancel_at_period_end set.",
				"Customer cancelled in iOS app but sub is Stripe-based. Refunded renewal as goodwill. Another case for the in-app cancel UX issue.",
			},
		},
	}
}

// corpusLearningTopics returns course-related topics of the Acme Learning brand.
func corpusLearningTopics() []Topic {
	return []Topic{
		{
			Key:      "certificate-not-issued",
			Brand:    "learning",
			Group:    "Support",
			Type:     "problem",
			Priority: "normal",
			Tags:     []string{"certificate", "course"},
			Subjects: map[string][]string{
				"en": {
					"Certificate not issued after finishing the course",
					"Where is my certificate?",
					"Wrong name on my certificate",
				},
				"es": {
					"No me emitieron el certificado al terminar el curso",
					"¿Dónde está mi certificado?",
					"Mi nombre aparece mal en el certificado",
				},
				"ru": {
					"Не выдали сертификат после окончания курса",
					"Где мой сертификат?",
					"В сертификате неправильно указано имя",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, I completed all modules of Project Management Fundamentals and passed the final exam with 92%, but the certificate page still says 'in progress'. I need the certificate for a job application this week.",
					"my progress bar shows 100% but there's no download certificate button. i finished 3 days ago. help?",
					"Hello, my certificate shows my name without the accents (Jose Garcia instead of José García). Could you reissue it with the correct spelling? It's for my employer's records.",
				},
				"es": {
					"Hola, completé todos los módulos de Fundamentos de Gestión de Proyectos y aprobé el examen final con un 92 %, pero en la página del certificado sigue diciendo «en curso». Necesito el certificado para postularme a un trabajo esta semana.",
					"la barra de progreso marca 100% pero no aparece el botón para descargar el certificado. terminé hace 3 días. ¿ayuda?",
					"Hola, en mi certificado sale mi nombre sin tildes (Jose Garcia en vez de José García). ¿Pueden volver a emitirlo bien escrito? Es para mi empresa.",
				},
				"ru": {
					"Здравствуйте! Я прошла все модули курса «Основы управления проектами» и сдала итоговый экзамен на 92 %, но на странице сертификата до сих пор «в процессе». Сертификат нужен на этой неделе для устройства на работу.",
					"прогресс 100%, а кнопки скачать сертификат нет. закончил 3 дня назад. что делать?",
					"Здравствуйте, в сертификате моя фамилия написана латиницей с ошибкой. Можно перевыпустить сертификат с правильным написанием? Он нужен для отдела кадров.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, congratulations on finishing the course! One optional lesson in module 4 was marked as required by mistake, which blocked the certificate. I've fixed the course settings and issued your certificate; you can download it from My Learning → Certificates.",
					"Hello! Certificates are generated once every graded item is submitted. I can see one peer-review assignment in module 6 still waiting for reviews, so I've marked it as reviewed manually. Your certificate should appear within the next hour.",
					"Hi, of course. Please update your name under Profile → Personal info exactly as it should appear, then reply here. I'll regenerate the certificate; the verification link stays the same.",
				},
				"es": {
					"Hola, ¡felicitaciones por terminar el curso! Una lección opcional del módulo 4 estaba marcada como obligatoria por error, y eso bloqueaba el certificado. Ya corregí la configuración del curso y emití tu certificado; puedes descargarlo en Mi aprendizaje → Certificados.",
					"¡Hola! Los certificados se generan cuando se entregan todas las actividades calificadas. Veo que una tarea de revisión entre pares del módulo 6 sigue esperando evaluaciones, así que la marqué como revisada manualmente. El certificado debería aparecer en la próxima hora.",
					"Hola, claro que sí. Actualiza tu nombre en Perfil → Datos personales tal como debe aparecer y respóndenos aquí. Volveré a generar el certificado; el enlace de verificación no cambia.",
				},
				"ru": {
					"Здравствуйте, поздравляем с окончанием курса! Один необязательный урок в модуле 4 по ошибке был отмечен как обязательный, и из-за этого сертификат не выдавался. Я исправила настройки курса и выпустила ваш сертификат — его можно скачать в разделе Моё обучение → Сертификаты.",
					"Здравствуйте! Сертификат формируется, когда сданы все оцениваемые задания. Вижу, что задание с взаимной проверкой в модуле 6 всё ещё ждёт оценок, поэтому я отметил его проверенным вручную. Сертификат появится в течение часа.",
					"Здравствуйте, конечно. Укажите имя в разделе Профиль → Личные данные так, как оно должно быть в сертификате, и ответьте здесь. Я перевыпущу сертификат, ссылка для проверки подлинности останется прежней.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Downloaded it, looks great. Thank you!",
					"Still no certificate after two hours, the page still says in progress.",
				},
				"es": {
					"Ya lo descargué, quedó perfecto. ¡Gracias!",
					"Pasaron dos horas y sigo sin certificado, la página sigue diciendo «en curso».",
				},
				"ru": {
					"Скачала, всё отлично. Спасибо!",
					"Прошло два часа, а сертификата всё нет — страница по-прежнему пишет «в процессе».",
				},
			},
			Notes: []string{
				"Course PMF-101: lesson 4.3 had required=true, should be optional. Fixed; 14 other learners affected, certificates re-issued in batch.",
				"Peer review stuck for 9 days, not enough reviewers in the cohort. Manual override applied.",
			},
		},
		{
			Key:      "video-playback",
			Brand:    "learning",
			Group:    "Technical",
			Type:     "problem",
			Priority: "normal",
			Tags:     []string{"video", "course"},
			Subjects: map[string][]string{
				"en": {
					"Course video won't play",
					"Videos stuck on loading",
					"Black screen in lesson videos",
				},
				"es": {
					"No se reproduce el vídeo del curso",
					"Los videos se quedan cargando",
					"Pantalla negra en los vídeos de las lecciones",
				},
				"ru": {
					"Не воспроизводится видео курса",
					"Видео бесконечно загружается",
					"Чёрный экран вместо видеоурока",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, none of the videos in module 3 of the Python course will play. The spinner just keeps spinning. Other modules work fine. I'm on Chrome on Windows 11.",
					"the videos keep buffering every 10 secs, my internet is fine (netflix works lol). is there a way to lower the quality or download them?",
					"Hello, I see a black screen with sound only in every lesson video since yesterday. I'm using Safari on a MacBook. I tried restarting already.",
				},
				"es": {
					"Hola, ningún video del módulo 3 del curso de Python se reproduce. Se queda el círculo de carga girando. Los demás módulos funcionan bien. Uso Chrome en Windows 11.",
					"los vídeos se cortan cada 10 segundos, mi internet anda bien (netflix funciona jaja). ¿se puede bajar la calidad o descargarlos?",
					"Hola, desde ayer en todos los vídeos de las lecciones veo la pantalla negra y solo se escucha el audio. Uso Safari en un MacBook. Ya probé reiniciar.",
				},
				"ru": {
					"Здравствуйте, в 3-м модуле курса по Python не воспроизводится ни одно видео, просто крутится значок загрузки. Остальные модули работают. У меня Chrome на Windows 11.",
					"видео постоянно подвисает каждые 10 секунд, интернет нормальный (нетфликс работает). можно как-то снизить качество или скачать видео?",
					"Добрый день, со вчерашнего дня во всех видеоуроках чёрный экран, есть только звук. Пользуюсь Safari на MacBook. Перезагрузку уже пробовал.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, thanks for the report! The module 3 videos were re-encoded overnight and some of them failed to publish. Our team has fixed it; please reload the page with Ctrl+Shift+R and they should play now.",
					"Hello! You can choose the quality with the gear icon in the bottom-right corner of the player; 480p works well on slower connections. In the mobile app you can also download videos for offline viewing with the arrow icon next to each lesson.",
					"Hi, a black screen with audio in Safari is usually caused by hardware acceleration with certain extensions. Please try a private window with extensions disabled, or update Safari to the latest version. If it persists, send us the output of our diagnostics page: acme.example/check.",
				},
				"es": {
					"Hola, ¡gracias por avisarnos! Los vídeos del módulo 3 se volvieron a codificar anoche y algunos no se publicaron bien. El equipo ya lo solucionó; recarga la página con Ctrl+Mayús+R y deberían reproducirse.",
					"¡Hola! Puedes elegir la calidad con el icono del engranaje en la esquina inferior derecha del reproductor; 480p va bien con conexiones más lentas. En la app móvil también puedes descargar los videos para verlos sin conexión con la flecha junto a cada lección.",
					"Hola, la pantalla negra con audio en Safari suele deberse a la aceleración por hardware junto con algunas extensiones. Prueba en una ventana privada con las extensiones desactivadas o actualiza Safari. Si continúa, envíanos el resultado de nuestra página de diagnóstico: acme.example/check.",
				},
				"ru": {
					"Здравствуйте, спасибо за сообщение! Ночью видео 3-го модуля перекодировались, и часть из них не опубликовалась. Команда уже всё исправила — обновите страницу через Ctrl+Shift+R, и видео должны воспроизводиться.",
					"Здравствуйте! Качество можно выбрать по значку шестерёнки в правом нижнем углу плеера; при медленном соединении хорошо работает 480p. В мобильном приложении видео можно скачать для просмотра офлайн — значок стрелки рядом с каждым уроком.",
					"Здравствуйте! Чёрный экран со звуком в Safari обычно связан с аппаратным ускорением и некоторыми расширениями. Попробуйте приватное окно с отключёнными расширениями или обновите Safari. Если не поможет, пришлите результат нашей страницы диагностики: acme.example/check.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Hard refresh worked, videos are playing. Thanks!",
					"Private window didn't help, still black. Diagnostics result attached.",
				},
				"es": {
					"Con la recarga forzada funcionó, ya se ven los vídeos. ¡Gracias!",
					"La ventana privada no ayudó, sigue en negro. Adjunto el resultado del diagnóstico.",
				},
				"ru": {
					"После принудительного обновления всё заработало, спасибо!",
					"Приватное окно не помогло, экран всё так же чёрный. Результат диагностики во вложении.",
				},
			},
			Notes: []string{
				"Transcoding job failed for 7 assets in PY-201 module 3. Re-ran the pipeline, CDN cache purged.",
				"Safari 17.x + HEVC rendition issue, forced H.264 for this user. Tracking in VID-77.",
			},
		},
		{
			Key:      "quiz-grading",
			Brand:    "learning",
			Group:    "Support",
			Type:     "problem",
			Priority: "normal",
			Tags:     []string{"quiz", "grading"},
			Subjects: map[string][]string{
				"en": {
					"Quiz graded wrong",
					"Correct answer marked as incorrect",
					"Final exam score doesn't add up",
				},
				"es": {
					"El cuestionario se calificó mal",
					"Me marcaron como incorrecta una respuesta correcta",
					"La nota del examen final no cuadra",
				},
				"ru": {
					"Неправильно проверили тест",
					"Правильный ответ засчитан как неверный",
					"Не сходится балл за итоговый экзамен",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, in Quiz 2 of Statistics 101, question 7 asks for the median of the dataset. I answered 14.5, which is correct, but it was marked wrong. The explanation shown afterwards even says 14.5!",
					"I got 68% on the final exam but when I count the correct answers in the review it should be 76%. Passing is 70% so this really matters to me.",
					"the quiz timed out while I was on the last question and it submitted with 3 blank answers. my wifi dropped for a second. can I retake it?",
				},
				"es": {
					"Hola, en el cuestionario 2 de Estadística 101, la pregunta 7 pide la mediana del conjunto de datos. Respondí 14,5, que es correcto, pero me la marcaron como incorrecta. ¡Hasta la explicación que aparece después dice 14,5!",
					"Saqué 68 % en el examen final, pero si cuento las respuestas correctas en la revisión debería ser 76 %. Para aprobar se necesita 70 %, así que es muy importante para mí.",
					"se acabó el tiempo del cuestionario cuando estaba en la última pregunta y se envió con 3 respuestas en blanco. se me cayó el wifi un segundo. ¿puedo repetirlo?",
				},
				"ru": {
					"Здравствуйте, в тесте 2 курса «Статистика 101» в вопросе 7 нужно найти медиану выборки. Я ответил 14,5 — это правильно, но ответ засчитан как неверный. Даже в пояснении после теста написано 14,5!",
					"За итоговый экзамен у меня 68 %, но если посчитать правильные ответы в разборе, должно быть 76 %. Проходной балл 70 %, так что для меня это очень важно.",
					"время на тест закончилось, пока я была на последнем вопросе, и он отправился с тремя пустыми ответами. на секунду отвалился вайфай. можно пересдать?",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, you're absolutely right, thank you for catching this. The question only accepted '14.5' with a dot and rejected the comma format in some locales. I've fixed the answer key and re-graded the quiz for everyone; your score has been updated.",
					"Hello, I've reviewed your exam. Two questions are multiple-select, and they only give points when all correct options are chosen, which is why the review looks higher than the final score. That said, one of those questions had an ambiguous option, so I've accepted your answer; your new score is 72% and you've passed.",
					"Hi, sorry about the connection issue. I've reset your attempt so you can retake the quiz; you'll have the full time again. Tip: answers are saved as you go, so if the connection drops, just reload the page before the timer ends.",
				},
				"es": {
					"Hola, tienes toda la razón, gracias por avisar. La pregunta solo aceptaba «14.5» con punto y rechazaba la coma decimal en algunos idiomas. Ya corregí la clave de respuestas y volví a calificar el cuestionario de todos; tu nota está actualizada.",
					"Hola, revisé tu examen. Dos preguntas son de selección múltiple y solo dan puntos si se marcan todas las opciones correctas; por eso en la revisión parece más alta la nota. Aun así, una de esas preguntas tenía una opción ambigua, así que acepté tu respuesta: tu nueva nota es 72 % y aprobaste.",
					"Hola, lamento lo de la conexión. Reinicié tu intento para que puedas repetir el cuestionario con el tiempo completo. Un consejo: las respuestas se guardan a medida que avanzas, así que si se corta la conexión, recarga la página antes de que termine el tiempo.",
				},
				"ru": {
					"Здравствуйте, вы совершенно правы, спасибо, что заметили. Вопрос принимал только «14.5» с точкой и не принимал запятую в некоторых языковых настройках. Я исправила ключ ответов и перепроверила тест у всех — ваш балл обновлён.",
					"Здравствуйте, я проверил ваш экзамен. Два вопроса — с множественным выбором, и баллы за них начисляются, только если выбраны все правильные варианты, поэтому в разборе результат кажется выше. Однако в одном из этих вопросов был двусмысленный вариант, поэтому я засчитал ваш ответ: новый балл 72 %, экзамен сдан.",
					"Здравствуйте, жаль, что подвело соединение. Я сбросила вашу попытку — можно пройти тест заново с полным временем. Совет: ответы сохраняются по ходу, поэтому при обрыве связи просто обновите страницу до окончания таймера.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Thank you, I see the updated score now!",
					"I still think question 12 is wrong too, the course material says the opposite. Can you check that one as well?",
				},
				"es": {
					"¡Gracias, ya veo la nota actualizada!",
					"Creo que la pregunta 12 también está mal, el material del curso dice lo contrario. ¿Pueden revisarla también?",
				},
				"ru": {
					"Спасибо, вижу обновлённый балл!",
					"Мне кажется, вопрос 12 тоже проверяется неправильно — в материалах курса написано обратное. Посмотрите, пожалуйста, и его.",
				},
			},
			Notes: []string{
				"STAT-101 Q2.7 numeric answer didn't accept comma decimal separator. Fixed tolerance rule, regraded 312 attempts.",
				"Escalated Q12 wording to the course author, waiting for reply before changing the answer key.",
			},
		},
		{
			Key:      "deadline-extension",
			Brand:    "learning",
			Group:    "Support",
			Type:     "question",
			Priority: "low",
			Tags:     []string{"deadline", "course"},
			Subjects: map[string][]string{
				"en": {
					"Request for deadline extension",
					"Can I get more time for the final project?",
					"Missed the assignment deadline",
				},
				"es": {
					"Solicitud de prórroga del plazo",
					"¿Me pueden dar más tiempo para el proyecto final?",
					"Se me pasó la fecha límite de la tarea",
				},
				"ru": {
					"Прошу продлить срок сдачи",
					"Можно больше времени на итоговый проект?",
					"Пропустил дедлайн по заданию",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hello, I was in hospital last week and couldn't submit the final project for the Web Development course. Is it possible to extend my deadline by a week? I can provide a doctor's note.",
					"hi, my laptop died two days before the deadline and I lost part of my work. any chance of an extension?? i'm almost done",
					"Our team of 12 employees is taking the Leadership course, but a company audit took everyone's time this month. Could the deadline be extended for the whole group?",
				},
				"es": {
					"Hola, la semana pasada estuve hospitalizada y no pude entregar el proyecto final del curso de Desarrollo Web. ¿Sería posible extender el plazo una semana? Puedo enviar el certificado médico.",
					"hola, se me murió la laptop dos días antes de la fecha de entrega y perdí parte del trabajo. ¿hay chance de una prórroga? ya casi termino",
					"Un equipo de 12 empleados está haciendo el curso de Liderazgo, pero este mes la auditoría de la empresa nos quitó todo el tiempo. ¿Se puede ampliar el plazo para todo el grupo?",
				},
				"ru": {
					"Здравствуйте, на прошлой неделе я был в больнице и не смог сдать итоговый проект по курсу веб-разработки. Можно продлить срок на неделю? Могу прислать справку от врача.",
					"привет, за два дня до дедлайна сломался ноутбук, и часть работы пропала. можно как-то продлить срок?? я почти закончила",
					"Добрый день! Группа из 12 наших сотрудников проходит курс по лидерству, но в этом месяце всё время ушло на аудит. Можно продлить сроки для всей группы?",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hello, I'm sorry to hear you were unwell and I hope you're feeling better. I've extended your final project deadline by 7 days; the new date is shown on the assignment page. No documents are needed for a first extension.",
					"Hi, that sounds stressful! I've given you a 5-day extension on the assignment. Tip for the future: the course workspace saves drafts in the cloud, so you can continue from any device.",
					"Hi, thanks for letting us know in advance. As a group administrator you can shift deadlines for the whole cohort under Team → Courses → Leadership → Schedule. I've already moved it by two weeks for your group so you don't have to.",
				},
				"es": {
					"Hola, lamento que hayas estado enferma y espero que ya te sientas mejor. Extendí el plazo de tu proyecto final 7 días; la nueva fecha aparece en la página de la tarea. Para una primera prórroga no hace falta ningún documento.",
					"Hola, ¡qué estrés! Te di una prórroga de 5 días para la tarea. Un consejo: el espacio del curso guarda los borradores en la nube, así puedes seguir desde cualquier dispositivo.",
					"Hola, gracias por avisar con tiempo. Como administrador del grupo puedes mover las fechas de toda la cohorte en Equipo → Cursos → Liderazgo → Calendario. De todas formas, ya amplié el plazo dos semanas para su grupo.",
				},
				"ru": {
					"Здравствуйте, жаль, что вы болели, надеюсь, вам уже лучше. Я продлила срок сдачи итогового проекта на 7 дней, новая дата указана на странице задания. Для первого продления никаких документов не нужно.",
					"Здравствуйте, сочувствую! Продлил срок сдачи задания на 5 дней. На будущее: рабочая область курса сохраняет черновики в облаке, так что продолжить можно с любого устройства.",
					"Здравствуйте, спасибо, что предупредили заранее. Администратор группы может сдвинуть сроки для всех участников: Команда → Курсы → Лидерство → Расписание. Я уже перенесла дедлайн для вашей группы на две недели.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Thank you so much, I'll submit it this weekend.",
					"The assignment page still shows the old deadline for me.",
				},
				"es": {
					"Muchísimas gracias, lo entrego este fin de semana.",
					"En la página de la tarea todavía me aparece la fecha anterior.",
				},
				"ru": {
					"Огромное спасибо, сдам на выходных.",
					"На странице задания у меня всё ещё старый срок.",
				},
			},
			Notes: []string{
				"First extension for this learner, granted per policy (up to 7 days, no proof required).",
				"B2B cohort: extended all 12 seats via the cohort schedule, not per-user overrides.",
			},
		},
		{
			Key:      "course-access",
			Brand:    "learning",
			Group:    "Support",
			Type:     "question",
			Priority: "high",
			Tags:     []string{"enrolment", "access", "course"},
			Subjects: map[string][]string{
				"en": {
					"Paid but can't access the course",
					"Enrolment not showing in my account",
					"Course says 'locked' after purchase",
				},
				"es": {
					"Pagué pero no tengo acceso al curso",
					"La inscripción no aparece en mi cuenta",
					"El curso dice «bloqueado» después de comprarlo",
				},
				"ru": {
					"Оплатил, но нет доступа к курсу",
					"Запись на курс не отображается в аккаунте",
					"После покупки курс всё ещё «закрыт»",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, I paid for the Digital Marketing course an hour ago, got the receipt by email, but the course isn't in My Learning. Order number is in the attached receipt.",
					"My company bought seats for our team and I received an invitation email, but when I click the link it says 'invitation expired'. The course starts on Monday.",
					"hello?? I enrolled in the spring cohort and all lessons still show a lock icon. the start date was yesterday",
				},
				"es": {
					"Hola, pagué el curso de Marketing Digital hace una hora, me llegó el recibo por correo, pero el curso no aparece en Mi aprendizaje. El número de pedido está en el recibo adjunto.",
					"Mi empresa compró plazas para el equipo y me llegó la invitación por correo, pero al hacer clic en el enlace dice «invitación caducada». El curso empieza el lunes.",
					"¿¿hola?? me inscribí en la cohorte de primavera y todas las lecciones siguen con el candado. la fecha de inicio era ayer",
				},
				"ru": {
					"Здравствуйте, час назад оплатил курс по цифровому маркетингу, чек пришёл на почту, но курса нет в разделе «Моё обучение». Номер заказа — в приложенном чеке.",
					"Компания купила места для нашей команды, мне пришло приглашение, но по ссылке пишет «срок действия приглашения истёк». Курс стартует в понедельник.",
					"алло?? записалась на весенний поток, а на всех уроках до сих пор замочек. старт был вчера",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, thank you for the receipt. The payment was completed under a different email address than the one you log in with, so the enrolment was attached to a new account. I've moved the enrolment to your main account; the course is now in My Learning.",
					"Hello! Invitations are valid for 7 days. I've resent a new invitation to your email; please accept it within the week. If you already have an Acme Learning account, sign in first and then open the link so the seat is attached to it.",
					"Hi, apologies for the delay. Cohort lessons unlock at 09:00 in the cohort's time zone, and the unlock job failed yesterday for the spring cohort. It has been re-run and all lessons are open now.",
				},
				"es": {
					"Hola, gracias por el recibo. El pago se hizo con un correo distinto al que usas para entrar, por eso la inscripción quedó en una cuenta nueva. Ya moví la inscripción a tu cuenta principal y el curso aparece en Mi aprendizaje.",
					"¡Hola! Las invitaciones son válidas durante 7 días. Te reenvié una invitación nueva; acéptala dentro de la semana. Si ya tienes cuenta en Acme Learning, inicia sesión primero y luego abre el enlace para que la plaza quede vinculada.",
					"Hola, disculpa la demora. Las lecciones de la cohorte se desbloquean a las 09:00 en la zona horaria de la cohorte, y ayer falló el proceso de desbloqueo de la cohorte de primavera. Ya se volvió a ejecutar y todas las lecciones están abiertas.",
				},
				"ru": {
					"Здравствуйте, спасибо за чек. Оплата прошла с другого адреса почты, не того, с которым вы входите, поэтому запись на курс оказалась в новом аккаунте. Я перенесла её в ваш основной аккаунт — курс уже в разделе «Моё обучение».",
					"Здравствуйте! Приглашения действуют 7 дней. Я отправил вам новое приглашение, примите его в течение недели. Если у вас уже есть аккаунт Acme Learning, сначала войдите в него, а потом откройте ссылку, чтобы место привязалось к нему.",
					"Здравствуйте, извините за задержку. Уроки потока открываются в 09:00 по часовому поясу потока, а вчера задача открытия для весеннего потока завершилась с ошибкой. Её перезапустили, все уроки уже доступны.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"I see the course now, thanks!",
					"The new invitation link gives the same 'expired' error.",
				},
				"es": {
					"Ya veo el curso, ¡gracias!",
					"El nuevo enlace de invitación da el mismo error de «caducada».",
				},
				"ru": {
					"Теперь курс виден, спасибо!",
					"По новой ссылке та же ошибка «срок действия истёк».",
				},
			},
			Notes: []string{
				"Order paid with a guest checkout email, merged enrolment into the main account.",
				"Cohort unlock cron failed (timezone parse error for America/Sao_Paulo). Re-run manually, ticket ENG-1043.",
			},
		},
		{
			Key:      "proctoring-webcam",
			Brand:    "learning",
			Group:    "Technical",
			Type:     "incident",
			Priority: "urgent",
			Tags:     []string{"proctoring", "exam", "webcam"},
			Subjects: map[string][]string{
				"en": {
					"Proctoring doesn't detect my webcam",
					"Exam interrupted by proctoring error",
					"Camera access error before the exam",
				},
				"es": {
					"El sistema de supervisión no detecta mi cámara web",
					"El examen se interrumpió por un error de supervisión",
					"Error de acceso a la cámara antes del examen",
				},
				"ru": {
					"Прокторинг не видит веб-камеру",
					"Экзамен прервался из-за ошибки прокторинга",
					"Ошибка доступа к камере перед экзаменом",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"URGENT: my proctored exam starts in 30 minutes and the system check says 'no camera found'. The webcam works in Zoom. I'm using a company laptop with Windows 10.",
					"Hi, halfway through the certification exam the proctoring window said 'face not detected' and ended my attempt. I didn't move, the lighting was fine. I paid for this attempt!",
					"The browser asks for camera permission, I click allow, and then nothing happens, just a grey box. Tried Chrome and Edge.",
				},
				"es": {
					"URGENTE: mi examen supervisado empieza en 30 minutos y la comprobación del sistema dice «no se encontró ninguna cámara». La cámara web funciona en Zoom. Uso un portátil de la empresa con Windows 10.",
					"Hola, a mitad del examen de certificación la ventana de supervisión dijo «no se detecta el rostro» y terminó mi intento. No me moví y la iluminación estaba bien. ¡Pagué por este intento!",
					"El navegador me pide permiso para la cámara, le doy a permitir y no pasa nada, solo un cuadro gris. Probé con Chrome y con Edge.",
				},
				"ru": {
					"СРОЧНО: прокторинг-экзамен начинается через 30 минут, а проверка системы пишет «камера не найдена». В Zoom веб-камера работает. У меня рабочий ноутбук на Windows 10.",
					"Здравствуйте, посреди сертификационного экзамена окно прокторинга написало «лицо не обнаружено» и завершило попытку. Я никуда не отходила, освещение нормальное. Попытка была платной!",
					"Браузер спрашивает разрешение на камеру, нажимаю «разрешить» — и ничего, просто серый квадрат. Пробовал в Chrome и Edge.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, let's get you sorted quickly. Please close Zoom, Teams and any other app that may be using the camera, since only one app can use it at a time. If it still isn't found, your company may block camera access for browsers in Windows privacy settings; in that case I've rescheduled your exam slot to tomorrow at the same time at no cost.",
					"Hello, I'm sorry this happened during your exam. I've reviewed the recording and the interruption was caused by a false detection on our side. Your attempt has been voided and you have a free new attempt available; you can book it from the exam page whenever you're ready.",
					"Hi, a grey box usually means the camera is blocked at system level. On Windows go to Settings → Privacy → Camera and enable 'Allow desktop apps to access your camera', then restart the browser. Please also run acme.example/check and send us the result if it still fails.",
				},
				"es": {
					"Hola, vamos a resolverlo rápido. Cierra Zoom, Teams y cualquier otra aplicación que pueda estar usando la cámara, porque solo una puede usarla a la vez. Si aun así no la detecta, es posible que tu empresa bloquee la cámara para los navegadores en la configuración de privacidad de Windows; por si acaso, ya reprogramé tu examen para mañana a la misma hora sin costo.",
					"Hola, lamento que esto pasara durante tu examen. Revisé la grabación y la interrupción se debió a una detección errónea de nuestro lado. Anulé el intento y tienes un nuevo intento gratis; puedes reservarlo desde la página del examen cuando quieras.",
					"Hola, el cuadro gris suele indicar que la cámara está bloqueada a nivel del sistema. En Windows ve a Configuración → Privacidad → Cámara y activa «Permitir que las aplicaciones de escritorio accedan a la cámara»; después reinicia el navegador. Si sigue fallando, ejecuta acme.example/check y envíanos el resultado.",
				},
				"ru": {
					"Здравствуйте, давайте быстро решим. Закройте Zoom, Teams и другие приложения, которые могут использовать камеру, — одновременно камерой может пользоваться только одно приложение. Если камера всё равно не находится, возможно, доступ к ней для браузеров запрещён в настройках конфиденциальности Windows; на всякий случай я бесплатно перенесла ваш экзамен на завтра на то же время.",
					"Здравствуйте, очень жаль, что так вышло на экзамене. Я просмотрел запись: прерывание вызвано ложным срабатыванием с нашей стороны. Попытка аннулирована, вам доступна новая бесплатная попытка — записаться можно на странице экзамена в удобное время.",
					"Здравствуйте! Серый квадрат обычно означает, что камера заблокирована на уровне системы. В Windows откройте Параметры → Конфиденциальность → Камера и включите «Разрешить классическим приложениям доступ к камере», затем перезапустите браузер. Если не поможет, запустите acme.example/check и пришлите нам результат.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Closing Teams fixed it, the check passed. Starting the exam now!",
					"IT says they can't change camera settings on company laptops. What are my options?",
				},
				"es": {
					"Cerré Teams y funcionó, pasé la comprobación. ¡Empiezo el examen!",
					"Los de sistemas dicen que no pueden cambiar la configuración de la cámara en los portátiles de la empresa. ¿Qué opciones tengo?",
				},
				"ru": {
					"Закрыл Teams — проверка прошла. Начинаю экзамен!",
					"ИТ-отдел говорит, что на рабочих ноутбуках настройки камеры менять нельзя. Какие у меня варианты?",
				},
			},
			Notes: []string{
				"Proctoring vendor confirmed false 'face not detected' events between 14:00 and 14:40 UTC. Voided affected attempts, 6 learners total.",
				"Corporate device with camera GPO lock. Suggested personal device or test center booking.",
			},
		},
		{
			Key:      "mobile-app-bug",
			Brand:    "learning",
			Group:    "Technical",
			Type:     "problem",
			Priority: "normal",
			Tags:     []string{"mobile", "bug"},
			Subjects: map[string][]string{
				"en": {
					"Mobile app crashes on startup",
					"Bug: progress not syncing in the Android app",
					"iOS app freezes when opening a lesson",
				},
				"es": {
					"La app móvil se cierra al abrirla",
					"Error: el progreso no se sincroniza en la app de Android",
					"La app de iOS se congela al abrir una lección",
				},
				"ru": {
					"Мобильное приложение вылетает при запуске",
					"Ошибка: прогресс не синхронизируется в приложении для Android",
					"Приложение на iOS зависает при открытии урока",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Since the last update the Acme Learning app crashes right after the splash screen. Samsung Galaxy S21, Android 14. Reinstalling didn't help.",
					"I completed 4 lessons offline on the plane, but when I got back online the app shows them as not started. On the website they're also not marked complete. Did I lose my progress?",
					"app freezes every time I open a lesson with a quiz in it, have to force close. iphone 12, latest ios. other lessons are ok",
				},
				"es": {
					"Desde la última actualización, la app de Acme Learning se cierra justo después de la pantalla de inicio. Samsung Galaxy S21, Android 14. Reinstalarla no sirvió.",
					"Completé 4 lecciones sin conexión en el avión, pero al volver a conectarme la app las muestra como no iniciadas. En la web tampoco aparecen completadas. ¿Perdí mi progreso?",
					"la app se congela cada vez que abro una lección que tiene cuestionario, tengo que forzar el cierre. iphone 12, ios actualizado. las otras lecciones andan bien",
				},
				"ru": {
					"После последнего обновления приложение Acme Learning вылетает сразу после заставки. Samsung Galaxy S21, Android 14. Переустановка не помогла.",
					"В самолёте прошёл 4 урока офлайн, а когда появился интернет, приложение показывает их как не начатые. На сайте они тоже не отмечены. Мой прогресс пропал?",
					"приложение зависает каждый раз, когда открываю урок с тестом, приходится закрывать принудительно. iphone 12, последняя ios. остальные уроки открываются нормально",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, thank you for the detailed report. We've identified a crash in version 5.3.0 on some Android 14 devices and released a fix in 5.3.1, which is rolling out on Google Play today. Please update the app; if it isn't available yet, clearing the app's storage in Android settings works as a temporary workaround.",
					"Hello, don't worry, your progress isn't lost. Offline progress is stored on the device and synced when the app is opened with a connection. Please open the app, go to Profile → Downloads and tap 'Sync now'. Don't log out before syncing, as that would clear the offline data.",
					"Hi, thanks for reporting this. It's a known bug in iOS app version 5.2 with quizzes that contain images, and our developers are working on a fix. In the meantime, you can complete quiz lessons on the website; your progress will show in the app as well.",
				},
				"es": {
					"Hola, gracias por el informe tan detallado. Detectamos un cierre inesperado en la versión 5.3.0 en algunos dispositivos con Android 14 y publicamos la corrección en la 5.3.1, que se distribuye hoy en Google Play. Actualiza la app; si todavía no aparece, borrar el almacenamiento de la app en los ajustes de Android sirve como solución temporal.",
					"Hola, tranquilo, no perdiste tu progreso. El progreso sin conexión se guarda en el dispositivo y se sincroniza al abrir la app con conexión. Abre la app, ve a Perfil → Descargas y toca «Sincronizar ahora». No cierres sesión antes de sincronizar, porque se borrarían los datos sin conexión.",
					"Hola, gracias por avisarnos. Es un error conocido de la versión 5.2 de la app de iOS con cuestionarios que tienen imágenes, y los desarrolladores ya están trabajando en la solución. Mientras tanto, puedes hacer las lecciones con cuestionario en la web; el progreso también se verá en la app.",
				},
				"ru": {
					"Здравствуйте, спасибо за подробное описание. Мы нашли причину вылета версии 5.3.0 на некоторых устройствах с Android 14 и выпустили исправление в версии 5.3.1 — сегодня оно появится в Google Play. Обновите приложение; если обновления пока нет, временно поможет очистка данных приложения в настройках Android.",
					"Здравствуйте, не волнуйтесь, прогресс не потерян. Офлайн-прогресс хранится на устройстве и синхронизируется, когда приложение открыто с подключением к интернету. Откройте приложение, перейдите в Профиль → Загрузки и нажмите «Синхронизировать». Не выходите из аккаунта до синхронизации, иначе офлайн-данные удалятся.",
					"Здравствуйте, спасибо за сообщение. Это известная ошибка версии 5.2 приложения для iOS в тестах с картинками, разработчики уже готовят исправление. Пока можно проходить уроки с тестами на сайте — прогресс отобразится и в приложении.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Updated to 5.3.1 and it opens fine now. Thanks!",
					"I pressed Sync now but only 2 of the 4 lessons came back.",
					"Any update on the iOS fix? It's been two weeks.",
				},
				"es": {
					"Actualicé a la 5.3.1 y ya abre bien. ¡Gracias!",
					"Toqué «Sincronizar ahora» pero solo volvieron 2 de las 4 lecciones.",
				},
				"ru": {
					"Обновился до 5.3.1, теперь запускается. Спасибо!",
					"Нажала «Синхронизировать», но восстановились только 2 урока из 4.",
					"Есть новости по исправлению для iOS? Прошло уже две недели.",
				},
			},
			Notes: []string{
				"Crashlytics: NPE in DownloadManager on Android 14 (v5.3.0). Fixed in 5.3.1, staged rollout 20%.",
				"Linked to MOB-318 (iOS quiz with images freeze). Added customer to the notify list for the release.",
			},
		},
	}
}

// corpusCloudTopics returns technical topics of the Acme Cloud brand.
func corpusCloudTopics() []Topic {
	return []Topic{
		{
			Key:      "api-rate-limit",
			Brand:    "cloud",
			Group:    "Technical",
			Type:     "problem",
			Priority: "high",
			Tags:     []string{"api", "rate-limit"},
			Subjects: map[string][]string{
				"en": {
					"API returning 429 Too Many Requests",
					"Hitting API rate limits constantly",
					"API errors after switching to new token",
				},
				"es": {
					"La API devuelve 429 Too Many Requests",
					"Superamos el límite de peticiones de la API todo el tiempo",
					"Errores de la API después de cambiar el token",
				},
				"ru": {
					"API возвращает 429 Too Many Requests",
					"Постоянно упираемся в лимит запросов к API",
					"Ошибки API после замены токена",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, since this morning our nightly sync job gets HTTP 429 after about 300 requests. We haven't changed anything on our side and we're on the Business plan. What are the current limits?",
					"we're getting 429s even though we only send like 5 requests per second. the Retry-After header says 60 but waiting doesn't help. this is blocking our release",
					"Hello, after rotating our API token yesterday every request returns 401 'invalid_token', but the token is copied correctly and shows as active in the dashboard. Any idea?",
				},
				"es": {
					"Hola, desde esta mañana nuestra sincronización nocturna recibe HTTP 429 después de unas 300 peticiones. No cambiamos nada de nuestro lado y tenemos el plan Business. ¿Cuáles son los límites actuales?",
					"nos llegan errores 429 aunque solo mandamos unas 5 peticiones por segundo. el encabezado Retry-After dice 60 pero esperar no sirve. esto nos bloquea el lanzamiento",
					"Hola, ayer rotamos el token de la API y desde entonces todas las peticiones devuelven 401 «invalid_token», aunque el token está bien copiado y figura como activo en el panel. ¿Alguna idea?",
				},
				"ru": {
					"Здравствуйте, с утра наша ночная синхронизация получает HTTP 429 примерно после 300 запросов. У себя мы ничего не меняли, тариф Business. Какие сейчас лимиты?",
					"получаем 429 хотя шлём примерно 5 запросов в секунду. в заголовке Retry-After 60, но ожидание не помогает. это блокирует наш релиз",
					"Добрый день, вчера мы перевыпустили токен API, и теперь каждый запрос возвращает 401 «invalid_token», хотя токен скопирован правильно и в панели отображается как активный. Есть идеи?",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, thanks for the details. The Business plan allows 600 requests per minute per workspace, and bulk endpoints count as 10 requests each. Your sync job uses /v2/records/bulk, so it reaches the limit after about 60 calls. I'd recommend batching up to 500 records per call and respecting the X-RateLimit-Remaining header.",
					"Hello, I looked at our logs: your requests come from 4 different IPs using the same token, so together they exceed the limit even though each client sends only 5 per second. Please use exponential backoff on 429 responses; I've also temporarily doubled your limit for this week to unblock the release.",
					"Hi, a new token only works with the API version it was created for. Your token was created for v3 while your client still calls /v2/ endpoints. Either create a token with 'API v2 compatible' checked under Settings → API → Tokens or update the client base URL to /v3/.",
				},
				"es": {
					"Hola, gracias por los detalles. El plan Business permite 600 peticiones por minuto por espacio de trabajo, y los endpoints masivos cuentan como 10 peticiones cada uno. Su sincronización usa /v2/records/bulk, así que llega al límite tras unas 60 llamadas. Recomendamos agrupar hasta 500 registros por llamada y respetar el encabezado X-RateLimit-Remaining.",
					"Hola, revisé los registros: sus peticiones llegan desde 4 IP distintas con el mismo token, así que en conjunto superan el límite aunque cada cliente envíe solo 5 por segundo. Usen reintentos con espera exponencial ante las respuestas 429; además, dupliqué temporalmente su límite esta semana para que puedan lanzar.",
					"Hola, un token nuevo solo funciona con la versión de la API para la que se creó. Su token es de la v3, pero el cliente sigue llamando a los endpoints /v2/. Creen un token con la opción «Compatible con API v2» en Configuración → API → Tokens o cambien la URL base del cliente a /v3/.",
				},
				"ru": {
					"Здравствуйте, спасибо за подробности. Тариф Business допускает 600 запросов в минуту на рабочее пространство, а каждый запрос к пакетным эндпоинтам считается за 10. Ваша синхронизация вызывает /v2/records/bulk, поэтому упирается в лимит примерно после 60 вызовов. Рекомендуем отправлять до 500 записей за вызов и учитывать заголовок X-RateLimit-Remaining.",
					"Здравствуйте, я посмотрел логи: запросы приходят с 4 разных IP-адресов с одним и тем же токеном, поэтому в сумме превышают лимит, хотя каждый клиент шлёт всего 5 запросов в секунду. Используйте экспоненциальную задержку при ответах 429; кроме того, я временно удвоил ваш лимит на эту неделю, чтобы не блокировать релиз.",
					"Здравствуйте! Новый токен работает только с той версией API, для которой он создан. Ваш токен выпущен для v3, а клиент по-прежнему обращается к эндпоинтам /v2/. Создайте токен с отметкой «Совместим с API v2» в разделе Настройки → API → Токены или поменяйте базовый URL клиента на /v3/.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Batching fixed it, the sync finished in 4 minutes. Thanks!",
					"We added backoff but still see bursts of 429s around 02:00 UTC. Is there maintenance at that time?",
				},
				"es": {
					"Agrupando las peticiones se solucionó, la sincronización terminó en 4 minutos. ¡Gracias!",
					"Añadimos la espera exponencial pero seguimos viendo ráfagas de 429 hacia las 02:00 UTC. ¿Hay mantenimiento a esa hora?",
				},
				"ru": {
					"С пакетной отправкой всё заработало, синхронизация прошла за 4 минуты. Спасибо!",
					"Добавили задержку, но около 02:00 UTC всё равно идут всплески 429. У вас в это время регламентные работы?",
				},
			},
			Notes: []string{
				"Workspace hit bulk-endpoint weighting introduced in last week's release; the changelog mention was easy to miss. Suggest a proactive email to API-heavy customers.",
				"Temporary limit override (1200 rpm) set until Friday. Remove it afterwards.",
			},
		},
		{
			Key:      "outage-500",
			Brand:    "cloud",
			Group:    "Technical",
			Type:     "incident",
			Priority: "urgent",
			Tags:     []string{"outage", "500"},
			Subjects: map[string][]string{
				"en": {
					"Acme Cloud is down - 500 errors everywhere",
					"Internal Server Error on dashboard",
					"Service unavailable for our whole team",
				},
				"es": {
					"Acme Cloud está caído: errores 500 en todas partes",
					"Error interno del servidor en el panel",
					"Servicio no disponible para todo nuestro equipo",
				},
				"ru": {
					"Acme Cloud не работает — везде ошибки 500",
					"Внутренняя ошибка сервера на дашборде",
					"Сервис недоступен для всей нашей команды",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Our entire team is getting '500 Internal Server Error' when opening any project. This started about 15 minutes ago. We have a client demo in an hour, please advise ASAP!",
					"Dashboard won't load, API also returns 500 and 503. Status page says all systems operational?? Workspace: acme-northwind.",
					"Hi, reports and exports fail with a server error since the morning, the rest of the app works. Is there an ongoing incident?",
				},
				"es": {
					"Todo nuestro equipo recibe «500 Internal Server Error» al abrir cualquier proyecto. Empezó hace unos 15 minutos. Tenemos una demo con un cliente en una hora, ¡necesitamos respuesta urgente!",
					"El panel no carga y la API también devuelve 500 y 503. ¿¿La página de estado dice que todo funciona?? Espacio: acme-solaris.",
					"Hola, desde la mañana los informes y las exportaciones fallan con un error del servidor; el resto de la aplicación funciona. ¿Hay algún incidente en curso?",
				},
				"ru": {
					"У всей команды при открытии любого проекта «500 Internal Server Error». Началось минут 15 назад. Через час демонстрация для клиента, ответьте срочно!",
					"Дашборд не грузится, API тоже отдаёт 500 и 503. А на странице статуса написано, что всё работает?? Пространство: acme-baikalsoft.",
					"Здравствуйте, с утра отчёты и выгрузки падают с ошибкой сервера, остальное работает. У вас сейчас какой-то инцидент?",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, thank you for reporting this and sorry for the disruption. We're aware of an incident affecting part of our EU region and our engineers are working on it right now. You can follow updates at status.acme.example; I'll also update this ticket as soon as the service is restored.",
					"Hello, the incident has been resolved: a faulty database failover caused 500 errors for about 40 minutes. All data is intact and no action is needed on your side. We'll publish a post-mortem within 5 business days. Again, our apologies.",
					"Hi, I can confirm that report generation is degraded because of a problem with one of our background job queues. The rest of the platform is unaffected. We expect a fix within 2 hours; reports requested in the meantime will be processed automatically afterwards.",
				},
				"es": {
					"Hola, gracias por avisarnos y disculpa las molestias. Estamos al tanto de un incidente que afecta a parte de nuestra región de la UE y los ingenieros ya están trabajando en él. Puedes seguir las novedades en status.acme.example; también actualizaré este ticket en cuanto se restablezca el servicio.",
					"Hola, el incidente está resuelto: una conmutación por error defectuosa de la base de datos provocó errores 500 durante unos 40 minutos. Todos los datos están intactos y no tienen que hacer nada. Publicaremos un análisis del incidente en un plazo de 5 días hábiles. Nuevamente, les pedimos disculpas.",
					"Hola, confirmo que la generación de informes está degradada por un problema en una de nuestras colas de tareas en segundo plano. El resto de la plataforma funciona con normalidad. Esperamos solucionarlo en 2 horas; los informes que se soliciten mientras tanto se procesarán automáticamente después.",
				},
				"ru": {
					"Здравствуйте, спасибо за сообщение, приносим извинения за сбой. Мы знаем об инциденте, затронувшем часть нашего региона в ЕС, инженеры уже занимаются им. Следить за обновлениями можно на status.acme.example; как только работа сервиса восстановится, я также напишу в этом обращении.",
					"Здравствуйте! Инцидент устранён: некорректное переключение базы данных вызывало ошибки 500 около 40 минут. Все данные в сохранности, с вашей стороны ничего делать не нужно. Разбор инцидента опубликуем в течение 5 рабочих дней. Ещё раз приносим извинения.",
					"Здравствуйте, подтверждаю: формирование отчётов работает с перебоями из-за проблемы в одной из очередей фоновых задач. Остальная платформа работает штатно. Ожидаем исправление в течение 2 часов; отчёты, запрошенные за это время, обработаются автоматически.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"It's back for us, thanks for the quick update.",
					"Still getting 500s on two of our projects even though the status page says resolved.",
					"Will we get an SLA credit for this outage?",
				},
				"es": {
					"Ya funciona de nuevo, gracias por la rápida actualización.",
					"Seguimos con errores 500 en dos proyectos aunque la página de estado dice que está resuelto.",
					"¿Nos corresponde un crédito por el SLA por esta caída?",
				},
				"ru": {
					"У нас всё заработало, спасибо за оперативную информацию.",
					"В двух проектах всё ещё ошибки 500, хотя на странице статуса написано, что инцидент устранён.",
					"Положена ли нам компенсация по SLA за этот сбой?",
				},
			},
			Notes: []string{
				"Linked to INC-2024-117 (EU-2 primary DB failover). Bulk-reply macro used for 140+ tickets.",
				"Customer on Business plan with 99.9% SLA; outage 41 min exceeds monthly budget. Forwarded to Billing for a service credit.",
				"Two projects still 500: stale connection pool on shard 7, on-call restarted workers.",
			},
		},
		{
			Key:      "data-export",
			Brand:    "cloud",
			Group:    "Technical",
			Type:     "task",
			Priority: "normal",
			Tags:     []string{"export", "data"},
			Subjects: map[string][]string{
				"en": {
					"Request for full data export",
					"Export all workspace data to CSV",
					"Need a backup of our data before migration",
				},
				"es": {
					"Solicitud de exportación completa de datos",
					"Exportar todos los datos del espacio a CSV",
					"Necesitamos una copia de nuestros datos antes de migrar",
				},
				"ru": {
					"Запрос на полную выгрузку данных",
					"Экспорт всех данных пространства в CSV",
					"Нужна резервная копия данных перед миграцией",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hello, for our annual compliance audit we need a complete export of all records, comments and attachments in our workspace. The export button in settings only gives us records without attachments.",
					"hi we're moving some projects to another tool and need everything exported, ideally JSON. around 40k records. is that possible?",
					"The export I started yesterday is still 'in progress' at 12%. Is it stuck? We need the file by Friday.",
				},
				"es": {
					"Hola, para la auditoría anual de cumplimiento necesitamos exportar todos los registros, comentarios y adjuntos de nuestro espacio. El botón de exportar en la configuración solo nos da los registros, sin adjuntos.",
					"hola, vamos a pasar algunos proyectos a otra herramienta y necesitamos exportar todo, idealmente en JSON. son unos 40 mil registros. ¿se puede?",
					"La exportación que inicié ayer sigue «en curso» al 12 %. ¿Se quedó trabada? Necesitamos el archivo para el viernes.",
				},
				"ru": {
					"Здравствуйте, для ежегодного аудита нам нужна полная выгрузка всех записей, комментариев и вложений из рабочего пространства. Кнопка экспорта в настройках выгружает только записи, без вложений.",
					"привет, переносим часть проектов в другой инструмент, нужна выгрузка всего, лучше в JSON. примерно 40 тыс. записей. это возможно?",
					"Экспорт, который я запустил вчера, до сих пор «выполняется» и стоит на 12 %. Он завис? Файл нужен к пятнице.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, a full export including attachments is available to workspace owners under Settings → Data → Full export. It's delivered as a ZIP with JSON files and an attachments folder; for large workspaces it may take a few hours. I've started one for you now and you'll get a download link by email.",
					"Hello! Yes, 40k records is no problem. Use Settings → Data → Export, choose JSON and select the projects you need. Alternatively, our API has a paginated /v3/export endpoint if you prefer to script the migration.",
					"Hi, sorry for the delay. Your export was stuck behind a very large job in the queue. I've restarted it with higher priority and it's now at 65%; you should receive the download link within the next hour, well before Friday.",
				},
				"es": {
					"Hola, los propietarios del espacio pueden hacer una exportación completa con adjuntos en Configuración → Datos → Exportación completa. Se entrega como un ZIP con archivos JSON y una carpeta de adjuntos; en espacios grandes puede tardar unas horas. Ya inicié una para ustedes y recibirán el enlace de descarga por correo.",
					"¡Hola! Sí, 40 mil registros no son problema. Ve a Configuración → Datos → Exportar, elige JSON y selecciona los proyectos que necesites. También puedes usar el endpoint paginado /v3/export de nuestra API si prefieres automatizar la migración.",
					"Hola, disculpa la demora. Tu exportación quedó detrás de una tarea muy grande en la cola. La reinicié con mayor prioridad y ya va al 65 %; recibirás el enlace de descarga en la próxima hora, mucho antes del viernes.",
				},
				"ru": {
					"Здравствуйте! Полная выгрузка с вложениями доступна владельцам пространства: Настройки → Данные → Полный экспорт. Результат — ZIP-архив с файлами JSON и папкой вложений; для больших пространств формирование может занять несколько часов. Я уже запустила экспорт для вас, ссылка для скачивания придёт на почту.",
					"Здравствуйте! Да, 40 тысяч записей — не проблема. Откройте Настройки → Данные → Экспорт, выберите JSON и нужные проекты. Если удобнее автоматизировать перенос, у нашего API есть постраничный эндпоинт /v3/export.",
					"Здравствуйте, извините за задержку. Ваш экспорт застрял в очереди за очень большой задачей. Я перезапустил его с повышенным приоритетом, сейчас он на 65 %; ссылка на скачивание придёт в течение часа, то есть задолго до пятницы.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Got the link, the archive is complete. Thank you!",
					"The download link says 'expired' already. Can you generate a new one?",
				},
				"es": {
					"Recibí el enlace y el archivo está completo. ¡Gracias!",
					"El enlace de descarga ya dice «caducado». ¿Pueden generar uno nuevo?",
				},
				"ru": {
					"Ссылку получил, архив полный. Спасибо!",
					"Ссылка на скачивание уже «просрочена». Можно сгенерировать новую?",
				},
			},
			Notes: []string{
				"Export job #88121 stuck behind a 2M-record export from another tenant. Bumped priority; consider per-tenant queue fairness.",
				"Download links expire after 72h. Regenerated the link from the admin panel.",
			},
		},
		{
			Key:      "sso-saml",
			Brand:    "cloud",
			Group:    "Technical",
			Type:     "task",
			Priority: "high",
			Tags:     []string{"sso", "saml"},
			Subjects: map[string][]string{
				"en": {
					"Help setting up SAML SSO with Okta",
					"SSO login fails with 'invalid signature'",
					"Enforce SSO for all users in our workspace",
				},
				"es": {
					"Ayuda para configurar SSO con SAML y Okta",
					"El inicio de sesión SSO falla con «firma no válida»",
					"Obligar el uso de SSO a todos los usuarios del espacio",
				},
				"ru": {
					"Помогите настроить SAML SSO с Okta",
					"Вход через SSO падает с ошибкой «invalid signature»",
					"Сделать SSO обязательным для всех пользователей",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, we're on the Business plan and want to set up SAML single sign-on with Okta. Could you send the ACS URL and Entity ID we need, and tell us which attributes you expect?",
					"After configuring SSO with Azure AD, every login attempt ends with 'SAML response: invalid signature'. We uploaded the certificate from Azure. What are we missing?",
					"SSO works now, thanks. How do we force all members to use SSO and disable password logins? Also, what happens to external contractors who aren't in our IdP?",
				},
				"es": {
					"Hola, tenemos el plan Business y queremos configurar el inicio de sesión único SAML con Okta. ¿Nos pueden enviar la URL de ACS y el Entity ID, y decirnos qué atributos esperan?",
					"Después de configurar el SSO con Azure AD, todos los intentos de inicio de sesión terminan con «SAML response: invalid signature». Subimos el certificado de Azure. ¿Qué nos falta?",
					"El SSO ya funciona, gracias. ¿Cómo obligamos a todos los miembros a usar SSO y desactivamos el acceso con contraseña? ¿Y qué pasa con los colaboradores externos que no están en nuestro IdP?",
				},
				"ru": {
					"Здравствуйте, у нас тариф Business, хотим настроить единый вход SAML через Okta. Пришлите, пожалуйста, ACS URL и Entity ID, а также список атрибутов, которые вы ожидаете.",
					"После настройки SSO с Azure AD каждая попытка входа заканчивается ошибкой «SAML response: invalid signature». Сертификат из Azure мы загрузили. Что мы упустили?",
					"SSO заработал, спасибо. Как сделать вход через SSO обязательным и отключить вход по паролю? И что будет с внешними подрядчиками, которых нет в нашем IdP?",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi! You'll find the ACS URL and Entity ID under Admin → Security → SSO, unique to your workspace. We require the NameID in email format, plus optional firstName and lastName attributes. Our step-by-step Okta guide is linked on the same page; once configured, use 'Test connection' before enabling it for everyone.",
					"Hello, 'invalid signature' usually means the certificate doesn't match the one Azure uses to sign responses. Azure shows several certificates; please download the active 'Certificate (Base64)' from the SAML signing section and make sure the signing option is 'Sign SAML response and assertion'.",
					"Hi, great to hear SSO works! Enable 'Require SSO' under Admin → Security → SSO; password logins will then be disabled for all members with your company domain. External contractors can be added to the exception list on the same page and will keep logging in with a password and 2FA.",
				},
				"es": {
					"¡Hola! La URL de ACS y el Entity ID, únicos para tu espacio, están en Administración → Seguridad → SSO. Necesitamos el NameID en formato de correo electrónico y, de forma opcional, los atributos firstName y lastName. En esa misma página está la guía paso a paso para Okta; una vez configurado, usa «Probar conexión» antes de activarlo para todos.",
					"Hola, «invalid signature» suele significar que el certificado no coincide con el que usa Azure para firmar las respuestas. Azure muestra varios certificados: descarga el «Certificado (Base64)» activo de la sección de firma SAML y verifica que la opción de firma sea «Firmar respuesta y aserción SAML».",
					"Hola, ¡qué bien que el SSO ya funciona! Activa «Requerir SSO» en Administración → Seguridad → SSO; así se desactiva el acceso con contraseña para todos los miembros con el dominio de tu empresa. Los colaboradores externos se pueden añadir a la lista de excepciones en la misma página y seguirán entrando con contraseña y 2FA.",
				},
				"ru": {
					"Здравствуйте! ACS URL и Entity ID, уникальные для вашего пространства, находятся в разделе Администрирование → Безопасность → SSO. Нам нужен NameID в формате адреса электронной почты и, по желанию, атрибуты firstName и lastName. Там же есть пошаговая инструкция для Okta; после настройки нажмите «Проверить подключение», прежде чем включать SSO для всех.",
					"Здравствуйте! Ошибка «invalid signature» обычно значит, что загруженный сертификат не совпадает с тем, которым Azure подписывает ответы. В Azure несколько сертификатов — скачайте активный «Сертификат (Base64)» из раздела подписи SAML и проверьте, что выбран вариант «Подписывать ответ и утверждение SAML».",
					"Здравствуйте, отлично, что SSO заработал! Включите «Требовать SSO» в разделе Администрирование → Безопасность → SSO — вход по паролю будет отключён для всех участников с доменом вашей компании. Внешних подрядчиков можно добавить в список исключений на той же странице: они продолжат входить по паролю с 2FA.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Downloading the active certificate fixed the signature error. SSO works now!",
					"Test connection passes, but users get 'user not provisioned' on first login. Do we need SCIM?",
				},
				"es": {
					"Descargando el certificado activo se solucionó el error de firma. ¡El SSO ya funciona!",
					"La prueba de conexión pasa, pero los usuarios reciben «usuario no aprovisionado» en el primer acceso. ¿Necesitamos SCIM?",
				},
				"ru": {
					"Скачали активный сертификат — ошибка подписи ушла, SSO работает!",
					"Проверка подключения проходит, но при первом входе пользователи получают «пользователь не создан». Нужен SCIM?",
				},
			},
			Notes: []string{
				"SAML trace shows signature made with the inactive Azure cert (thumbprint mismatch). Customer uploaded the old one.",
				"JIT provisioning was off for the workspace; enabled it after admin confirmation. SCIM not required.",
			},
		},
		{
			Key:      "slack-integration",
			Brand:    "cloud",
			Group:    "Technical",
			Type:     "question",
			Priority: "normal",
			Tags:     []string{"slack", "integration"},
			Subjects: map[string][]string{
				"en": {
					"Slack integration stopped posting messages",
					"How to connect Acme Cloud to Slack?",
					"Slack notifications going to the wrong channel",
				},
				"es": {
					"La integración con Slack dejó de publicar mensajes",
					"¿Cómo conecto Acme Cloud con Slack?",
					"Las notificaciones de Slack llegan al canal equivocado",
				},
				"ru": {
					"Интеграция со Slack перестала отправлять сообщения",
					"Как подключить Acme Cloud к Slack?",
					"Уведомления в Slack приходят не в тот канал",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, our Slack integration worked fine for months, but since Monday nothing is posted to #deployments anymore. The integration page still says 'Connected'.",
					"hey, is there a way to get a Slack message whenever a task is assigned to me? couldn't find it in the docs",
					"We connected Slack and picked #support-alerts, but all notifications end up in #general, which is pretty embarrassing. How do we fix the channel mapping?",
				},
				"es": {
					"Hola, nuestra integración con Slack funcionó bien durante meses, pero desde el lunes ya no se publica nada en #deployments. En la página de integraciones sigue diciendo «Conectado».",
					"hola, ¿hay forma de recibir un mensaje de Slack cuando me asignan una tarea? no lo encontré en la documentación",
					"Conectamos Slack y elegimos #support-alerts, pero todas las notificaciones terminan en #general, lo cual es bastante incómodo. ¿Cómo arreglamos la asignación de canales?",
				},
				"ru": {
					"Здравствуйте, интеграция со Slack несколько месяцев работала нормально, но с понедельника в #deployments ничего не приходит. На странице интеграций по-прежнему написано «Подключено».",
					"привет, можно ли получать сообщение в Slack, когда на меня назначают задачу? в документации не нашёл",
					"Подключили Slack и выбрали канал #support-alerts, но все уведомления падают в #general, что довольно неловко. Как исправить привязку каналов?",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, thanks for reporting it. Slack revoked the integration token because the user who installed it was deactivated in your Slack workspace on Monday. Please go to Settings → Integrations → Slack, click 'Reconnect' with an active Slack admin account, and messages will resume.",
					"Hello! Yes: connect your personal Slack account under Profile → Notifications → Slack, then enable 'Task assigned to me'. You'll receive direct messages from the Acme Cloud bot. Your workspace admin needs to have the Slack integration installed first.",
					"Hi, the Acme Cloud bot can only post to channels it has been invited to; when it's not in the selected channel it falls back to #general. Please type /invite @AcmeCloud in #support-alerts, and new notifications will go there.",
				},
				"es": {
					"Hola, gracias por avisarnos. Slack revocó el token de la integración porque el usuario que la instaló fue desactivado en su espacio de Slack el lunes. Vayan a Configuración → Integraciones → Slack, hagan clic en «Volver a conectar» con una cuenta de administrador de Slack activa, y los mensajes volverán a publicarse.",
					"¡Hola! Sí: conecta tu cuenta personal de Slack en Perfil → Notificaciones → Slack y activa «Tarea asignada a mí». Recibirás mensajes directos del bot de Acme Cloud. Antes, el administrador de tu espacio debe tener instalada la integración con Slack.",
					"Hola, el bot de Acme Cloud solo puede publicar en los canales a los que fue invitado; si no está en el canal elegido, publica en #general. Escriban /invite @AcmeCloud en #support-alerts y las notificaciones nuevas llegarán allí.",
				},
				"ru": {
					"Здравствуйте, спасибо за сообщение. Slack отозвал токен интеграции, потому что пользователь, который её устанавливал, в понедельник был деактивирован в вашем Slack. Откройте Настройки → Интеграции → Slack и нажмите «Переподключить» под действующим администратором Slack — сообщения снова начнут приходить.",
					"Здравствуйте! Да: подключите личный аккаунт Slack в разделе Профиль → Уведомления → Slack и включите «Задача назначена мне». Бот Acme Cloud будет присылать вам личные сообщения. Для этого администратор пространства должен заранее установить интеграцию со Slack.",
					"Здравствуйте! Бот Acme Cloud может писать только в каналы, куда его пригласили; если его нет в выбранном канале, он пишет в #general. Выполните /invite @AcmeCloud в канале #support-alerts, и новые уведомления пойдут туда.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Reconnected with my admin account and messages are flowing again. Thanks!",
					"Invited the bot but notifications still go to #general.",
				},
				"es": {
					"Volví a conectar con mi cuenta de administrador y ya llegan los mensajes. ¡Gracias!",
					"Invitamos al bot, pero las notificaciones siguen llegando a #general.",
				},
				"ru": {
					"Переподключил под своим админским аккаунтом — сообщения снова идут. Спасибо!",
					"Бота пригласили, но уведомления всё равно приходят в #general.",
				},
			},
			Notes: []string{
				"Slack API returned token_revoked since Monday 09:12 UTC. Installer account deactivated on the customer side.",
				"Channel fallback to #general is confusing; raised a product ticket to show a warning instead.",
			},
		},
		{
			Key:      "email-notifications",
			Brand:    "cloud",
			Group:    "Technical",
			Type:     "problem",
			Priority: "normal",
			Tags:     []string{"email", "notifications"},
			Subjects: map[string][]string{
				"en": {
					"Email notifications not arriving",
					"Not receiving any emails from Acme Cloud",
					"Notification emails delayed by hours",
				},
				"es": {
					"No llegan las notificaciones por correo",
					"No recibo ningún correo de Acme Cloud",
					"Los correos de notificación llegan con horas de retraso",
				},
				"ru": {
					"Не приходят уведомления на почту",
					"Не получаю никаких писем от Acme Cloud",
					"Письма с уведомлениями приходят с опозданием на несколько часов",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi, none of our team members have received email notifications for new comments or mentions since last week. Notifications are enabled in everyone's profile. We use Microsoft 365.",
					"I don't get any emails from you at all, not even the weekly summary. Checked spam and junk. Other people in my team do get them.",
					"notifications arrive 3-4 hours late, by then the task is already overdue. is something wrong with your email servers?",
				},
				"es": {
					"Hola, desde la semana pasada ningún miembro del equipo recibe notificaciones por correo de comentarios nuevos ni de menciones. Todos tienen las notificaciones activadas en su perfil. Usamos Microsoft 365.",
					"No me llega ningún correo de ustedes, ni siquiera el resumen semanal. Revisé spam y correo no deseado. A otros compañeros del equipo sí les llegan.",
					"las notificaciones llegan con 3 o 4 horas de atraso y para entonces la tarea ya está vencida. ¿pasa algo con sus servidores de correo?",
				},
				"ru": {
					"Здравствуйте, с прошлой недели никто из нашей команды не получает уведомления на почту о новых комментариях и упоминаниях. В профилях уведомления у всех включены. Почта у нас на Microsoft 365.",
					"Мне вообще не приходят ваши письма, даже еженедельная сводка. Спам проверил. Коллегам из команды письма приходят.",
					"уведомления приходят с опозданием на 3–4 часа, к этому времени задача уже просрочена. что-то с вашими почтовыми серверами?",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, thanks for the details. Our logs show that Microsoft 365 has been quarantining messages from notifications@acme.example for your domain since last Tuesday. Please ask your IT team to release them and add our sending domain to the allow list; I've attached our SPF and DKIM details for them.",
					"Hello, I found that your address was on our suppression list after a bounce last month, so we stopped sending to it. I've removed it from the list; you should start receiving notifications and the weekly summary again right away.",
					"Hi, sorry about the delays. One of our email providers had a queue backlog today and messages were delivered late. It's been resolved and delivery times are back to normal. If you need instant alerts, you can also enable push notifications in the mobile app.",
				},
				"es": {
					"Hola, gracias por los detalles. Nuestros registros muestran que desde el martes pasado Microsoft 365 pone en cuarentena los mensajes de notifications@acme.example para su dominio. Pidan a su equipo de TI que los libere y que agregue nuestro dominio de envío a la lista de permitidos; adjunto los datos de SPF y DKIM.",
					"Hola, encontré que tu dirección estaba en nuestra lista de supresión por un rebote del mes pasado, así que dejamos de enviarte correos. Ya la quité de la lista; deberías volver a recibir las notificaciones y el resumen semanal de inmediato.",
					"Hola, disculpa los retrasos. Hoy uno de nuestros proveedores de correo tuvo una cola acumulada y los mensajes se entregaron tarde. Ya está solucionado y los tiempos de entrega volvieron a la normalidad. Si necesitas avisos inmediatos, también puedes activar las notificaciones push en la app móvil.",
				},
				"ru": {
					"Здравствуйте, спасибо за подробности. По нашим логам, с прошлого вторника Microsoft 365 помещает письма от notifications@acme.example для вашего домена в карантин. Попросите ИТ-отдел освободить их и добавить наш домен отправки в список разрешённых; прикладываю для них параметры SPF и DKIM.",
					"Здравствуйте! Ваш адрес попал в наш список блокировки после возврата письма в прошлом месяце, поэтому мы перестали отправлять на него письма. Я удалила адрес из списка — уведомления и еженедельная сводка должны снова приходить сразу же.",
					"Здравствуйте, извините за задержки. Сегодня у одного из наших почтовых провайдеров скопилась очередь, и письма доставлялись с опозданием. Проблема решена, время доставки вернулось к норме. Если нужны мгновенные оповещения, можно включить push-уведомления в мобильном приложении.",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"IT released the quarantined emails and whitelisted you, notifications are arriving again.",
					"Still nothing in my inbox, even after you removed me from the list.",
				},
				"es": {
					"TI liberó los correos en cuarentena y los agregó a la lista blanca; las notificaciones vuelven a llegar.",
					"Sigo sin recibir nada, incluso después de que me quitaron de la lista.",
				},
				"ru": {
					"ИТ-отдел освободил письма из карантина и добавил вас в белый список, уведомления снова приходят.",
					"Письма так и не приходят, даже после удаления из списка.",
				},
			},
			Notes: []string{
				"ESP logs: status 'quarantined' by recipient MX for the whole domain since Tue. Not on our side.",
				"Address was on the suppression list after a hard bounce (mailbox full). Removed manually.",
			},
		},
	}
}

// corpusGeneralTopics returns topics that are not tied to one technical area.
func corpusGeneralTopics() []Topic {
	return []Topic{
		{
			Key:      "feature-request",
			Brand:    "cloud",
			Group:    "Support",
			Type:     "question",
			Priority: "low",
			Tags:     []string{"feature-request", "feedback"},
			Subjects: map[string][]string{
				"en": {
					"Feature request: dark mode",
					"Suggestion: recurring tasks",
					"Would love a Gantt chart view",
				},
				"es": {
					"Sugerencia de función: modo oscuro",
					"Propuesta: tareas recurrentes",
					"Nos encantaría una vista de diagrama de Gantt",
				},
				"ru": {
					"Предложение: тёмная тема",
					"Идея: повторяющиеся задачи",
					"Очень не хватает диаграммы Ганта",
				},
			},
			Bodies: map[string][]string{
				"en": {
					"Hi! We use Acme Cloud all day and our developers keep asking for a dark mode. Is it on the roadmap? Happy to beta test.",
					"It would be super useful to create recurring tasks (weekly reports, monthly invoices...). Right now we copy the same task every week, which is annoying.",
					"Our project managers would love a Gantt chart view with dependencies between tasks. That's the main reason some teams still use spreadsheets alongside Acme Cloud.",
				},
				"es": {
					"¡Hola! Usamos Acme Cloud todo el día y los desarrolladores no paran de pedir el modo oscuro. ¿Está en la hoja de ruta? Nos ofrecemos para probar la beta.",
					"Sería muy útil poder crear tareas recurrentes (informes semanales, facturas mensuales...). Ahora copiamos la misma tarea cada semana y es bastante molesto.",
					"A nuestros jefes de proyecto les encantaría una vista de diagrama de Gantt con dependencias entre tareas. Es la razón principal por la que algunos equipos siguen usando hojas de cálculo además de Acme Cloud.",
				},
				"ru": {
					"Здравствуйте! Мы работаем в Acme Cloud весь день, и разработчики постоянно просят тёмную тему. Она есть в планах? С радостью поучаствуем в бета-тесте.",
					"Было бы очень удобно создавать повторяющиеся задачи (еженедельные отчёты, ежемесячные счета...). Сейчас каждую неделю копируем одну и ту же задачу, это раздражает.",
					"Нашим руководителям проектов очень нужна диаграмма Ганта с зависимостями между задачами. Из-за этого часть команд до сих пор ведёт таблицы параллельно с Acme Cloud.",
				},
			},
			Replies: map[string][]string{
				"en": {
					"Hi, thank you for the suggestion! Dark mode is actually planned for this quarter. I've added your workspace to the beta list, so you'll get access as soon as it's ready for testing.",
					"Hello, thanks for taking the time to write! I've passed your request to our product team and added your vote to the 'Recurring tasks' idea on our feedback board (feedback.acme.example), where you can follow its status. In the meantime, task templates can save some of the copying.",
					"Hi, great feedback, thank you. A timeline view with dependencies is one of our most requested features and is being designed right now. Would your project managers be open to a 30-minute call with our product designer to share their workflow?",
				},
				"es": {
					"Hola, ¡gracias por la sugerencia! El modo oscuro está previsto para este trimestre. Ya añadí su espacio a la lista de la beta, así que tendrán acceso en cuanto esté listo para probar.",
					"Hola, ¡gracias por tomarte el tiempo de escribirnos! Pasé tu propuesta al equipo de producto y sumé tu voto a la idea «Tareas recurrentes» en nuestro tablero de sugerencias (feedback.acme.example), donde puedes seguir su estado. Mientras tanto, las plantillas de tareas pueden ahorrarte parte del trabajo.",
					"Hola, excelente comentario, gracias. Una vista de cronograma con dependencias es una de las funciones más pedidas y la estamos diseñando ahora mismo. ¿Sus jefes de proyecto estarían dispuestos a una llamada de 30 minutos con nuestro diseñador de producto para contarnos cómo trabajan?",
				},
				"ru": {
					"Здравствуйте, спасибо за предложение! Тёмная тема как раз запланирована на этот квартал. Я добавила ваше пространство в список бета-тестеров — вы получите доступ, как только её можно будет тестировать.",
					"Здравствуйте, спасибо, что нашли время написать! Я передал ваше предложение продуктовой команде и добавил ваш голос к идее «Повторяющиеся задачи» на нашей доске предложений (feedback.acme.example) — там можно следить за её статусом. Пока можно сэкономить время с помощью шаблонов задач.",
					"Здравствуйте, отличная обратная связь, спасибо. Временная шкала с зависимостями — одна из самых востребованных функций, сейчас мы её проектируем. Готовы ли ваши руководители проектов к 30-минутному звонку с нашим продуктовым дизайнером, чтобы рассказать о своих процессах?",
				},
			},
			FollowUps: map[string][]string{
				"en": {
					"Sure, happy to join a call. Next Tuesday or Wednesday afternoon works for us.",
					"Thanks! Any rough ETA for recurring tasks?",
				},
				"es": {
					"Claro, con gusto participamos en la llamada. El martes o el miércoles por la tarde nos viene bien.",
					"¡Gracias! ¿Hay alguna fecha aproximada para las tareas recurrentes?",
				},
				"ru": {
					"Конечно, с удовольствием созвонимся. Нам удобно во вторник или среду после обеда.",
					"Спасибо! Есть примерные сроки по повторяющимся задачам?",
				},
			},
			Notes: []string{
				"Added +1 to FR-212 (recurring tasks), now 87 votes. Customer is on Business plan, 120 seats.",
				"PM interested in interviewing Gantt users; scheduling via product ops.",
			},
		},
	}
}
