// Demo reviews and mentors' answers (issue #18), in the mentor's first language among en, fr, es.
// Realistic on purpose: the mentor page, the admin list and the dashboards show them.

export type ReviewLanguage = "en" | "fr" | "es";

export const reviewTexts: Record<ReviewLanguage, Record<"high" | "mid" | "low", string[]>> = {
  en: {
    high: [
      "Exactly what I needed. We went through my plan line by line and I left with three concrete next steps.",
      "Clear, kind and very practical. The feedback on my portfolio changed how I present my work.",
      "Great listener. Asked the right questions and helped me see the problem from the hiring manager's side.",
      "Super prepared: had read my notes before the call and we used every minute.",
      "I got the job offer two weeks later. The mock interview made all the difference.",
    ],
    mid: [
      "Good session overall, a bit rushed at the end but the advice was solid.",
      "Useful tips, though I would have liked more time on the second topic.",
    ],
    low: ["Friendly, but the session stayed quite general for my level."],
  },
  fr: {
    high: [
      "Exactement ce qu’il me fallait : nous avons repris mon plan point par point et je repars avec trois actions concrètes.",
      "Clair, bienveillant et très concret. Ses retours sur mon portfolio ont changé ma façon de présenter mon travail.",
      "Très à l’écoute, les bonnes questions au bon moment. J’ai enfin compris ce qui bloquait dans mes entretiens.",
      "Séance très bien préparée, chaque minute a compté. Je recommande sans hésiter.",
      "Des conseils précis et applicables dès le lendemain. Merci !",
    ],
    mid: [
      "Bonne séance dans l’ensemble, un peu rapide sur la fin mais des conseils solides.",
      "Utile, même si j’aurais aimé approfondir le deuxième sujet.",
    ],
    low: ["Sympathique, mais la séance est restée assez générale pour mon niveau."],
  },
  es: {
    high: [
      "Justo lo que necesitaba: repasamos mi plan punto por punto y salí con tres pasos concretos.",
      "Clara, amable y muy práctica. Sus comentarios sobre mi portafolio cambiaron cómo presento mi trabajo.",
      "Escucha de verdad y hace las preguntas adecuadas. Por fin entendí qué fallaba en mis entrevistas.",
      "Sesión muy bien preparada, aprovechamos cada minuto. La recomiendo.",
      "Consejos concretos que pude aplicar al día siguiente. ¡Gracias!",
    ],
    mid: [
      "Buena sesión en general, algo rápida al final pero con buenos consejos.",
      "Útil, aunque me habría gustado profundizar más en el segundo tema.",
    ],
    low: ["Muy amable, pero la sesión se quedó algo general para mi nivel."],
  },
};

export const answerTexts: Record<ReviewLanguage, string[]> = {
  en: [
    "Thank you! It was a pleasure working on this with you. Keep me posted on how it goes.",
    "Thanks for the kind words, and congratulations on the progress!",
    "Thank you for the honest feedback: next time I will keep more time for your second question.",
  ],
  fr: [
    "Merci beaucoup ! Ce fut un plaisir de travailler avec vous. Tenez-moi au courant de la suite.",
    "Merci pour ce retour, et bravo pour le chemin parcouru !",
    "Merci pour ce retour honnête : la prochaine fois, je garderai plus de temps pour votre deuxième question.",
  ],
  es: [
    "¡Muchas gracias! Fue un placer trabajar contigo. Cuéntame cómo te va.",
    "Gracias por tus palabras, ¡y enhorabuena por el avance!",
    "Gracias por la sinceridad: la próxima vez dejaré más tiempo para tu segunda pregunta.",
  ],
};
